// The built WASM core (build/core, the same files the extension and the page ship) used from
// JavaScript: offsets slice JS strings exactly, lone surrogates are survivable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, check, checkBatch } from '../../build/core/leaklens.js';

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
