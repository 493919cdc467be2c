// The built WASM core (build/core, the same files the extension and the page ship) used from
// JavaScript: offsets slice JS strings exactly, lone surrogates are survivable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { initSync, check, checkBatch, detect, redact, loadLanguage, languageLoaded, cardWords } from '../../build/core/leaklens.js';
import { pack } from '../../tools/pack.mjs';

initSync({ module: readFileSync(new URL('../../build/core/leaklens_bg.wasm', import.meta.url)) });

test('evidence offsets slice the JS string to the matched phrase', () => {
  const text = '🚨🚨 BIG: Co\u200BWIN data leak — names & phone numbers of crores exposed 🔥';
  const r = check(text, undefined);
  assert.equal(r.is_claim, true);
  assert.ok(r.evidence.length >= 3);
  for (const e of r.evidence) {
    assert.equal(text.slice(e.start_utf16, e.end_utf16), e.text);
  }
});

test('lone surrogates neither throw nor shift offsets', () => {
  const text = '\uD800 CoWIN data leaked \uDC00 names exposed \uD83D';
  const r = check(text, undefined);
  assert.equal(r.is_claim, true);
  for (const e of r.evidence) {
    // a lone surrogate reaches Rust as U+FFFD, one UTF-16 unit, so positions still line up
    assert.equal(text.slice(e.start_utf16, e.end_utf16), e.text);
  }
});

test('batch answers one result per text, in order', () => {
  const r = checkBatch(['nothing to see here', 'CoWIN data leaked on Telegram', ''], undefined);
  assert.deepEqual(r.map((x) => x.is_claim), [false, true, false]);
});

test('random strings with lone surrogates never throw and keep offsets exact', () => {
  const pieces = ['CoWIN', ' data ', 'leak', 'लीक', 'डेटा', 'नाम', '\uD800', '\uDFFF', '\uD83D', '😀',
    '\u200D', 'ক\u09C7\u09BE', ' names ', 'आधार नंबर', '.', '\n', 'İ', '\u0301'];
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
  for (let i = 0; i < 2000; i++) {
    let text = '';
    for (let k = rand(30); k > 0; k--) text += rand(4) === 0 ? String.fromCharCode(rand(0x10000)) : pieces[rand(pieces.length)];
    // lone surrogates reach Rust as U+FFFD, one UTF-16 unit each: compare against that string
    const seen = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
    const d = detect(text);
    for (const e of d.evidence) assert.equal(seen.slice(e.start_utf16, e.end_utf16), e.text, JSON.stringify(text));
    assert.deepEqual(check(text, undefined).evidence, d.evidence);
  }
});

test('identifiers come back masked only, with offsets into the JS string', () => {
  const text = '🚨 CoWIN leak: आधार २३४५ ६७८९ ०१२४, phone 9876543210, ravi@example.in';
  assert.equal(redact(text), '🚨 CoWIN leak: आधार XXXX XXXX ०१२४, phone XXXXXX3210, r*****@example.in');
  for (const result of [check(text), detect(text), checkBatch([text])[0]]) {
    const json = JSON.stringify(result);
    for (const raw of ['२३४५ ६७८९ ०१२४', '9876543210', 'ravi@example.in']) assert.ok(!json.includes(raw), raw);
    assert.deepEqual(result.personal_data.map((p) => text.slice(p.start_utf16, p.end_utf16)),
      ['२३४५ ६७८९ ०१२४', '9876543210', 'ravi@example.in']);
  }
});

test('card strings packed by tools/pack.mjs load into the core word for word; JSON and broken packs are refused', () => {
  const files = readdirSync('data/card-text').filter((f) => f.endsWith('.json'));
  assert.equal(files.length, 11);
  const [first] = files;
  const firstLang = first.replace(/\.json$/, '');
  const json = readFileSync(`data/card-text/${first}`, 'utf8');
  // refused, and the language stays unloaded: the core carries no JSON parser
  assert.throws(() => loadLanguage(firstLang, json), /not packed/);
  const packed = pack(JSON.parse(json));
  for (const cut of [packed.length - 1, Math.floor(packed.length / 2), 8]) {
    assert.throws(() => loadLanguage(firstLang, packed.slice(0, cut)), /card-text/);
  }
  assert.throws(() => loadLanguage('xx', packed), /no card language/);
  assert.equal(languageLoaded(firstLang), false);
  for (const file of files) {
    const lang = file.replace(/\.json$/, '');
    const strings = JSON.parse(readFileSync(`data/card-text/${file}`, 'utf8'));
    loadLanguage(lang, pack(strings));
    assert.equal(languageLoaded(lang), true, lang);
    const flat = cardWords(lang);
    const words = Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]));
    for (const [key, word] of Object.entries(strings.words)) assert.equal(words[key], word, `${lang} ${key}`);
  }
});
