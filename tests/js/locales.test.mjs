// The extension's UI strings (_locales): every locale has every message English has, with the
// same placeholders, in its own script; every message the HTML and JS use exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const dir = 'extension/_locales';
const load = (l) => JSON.parse(readFileSync(`${dir}/${l}/messages.json`, 'utf8'));
const en = load('en');
const SCRIPTS = { hi: /\p{Script=Devanagari}/u, mr: /\p{Script=Devanagari}/u, bn: /\p{Script=Bengali}/u,
  ta: /\p{Script=Tamil}/u, te: /\p{Script=Telugu}/u, ml: /\p{Script=Malayalam}/u,
  gu: /\p{Script=Gujarati}/u, kn: /\p{Script=Kannada}/u, pa: /\p{Script=Gurmukhi}/u,
  or: /\p{Script=Oriya}/u, ur: /\p{Script=Arabic}/u };

test('the extension speaks 12 locales (Hinglish readers get English or Hindi UI)', () => {
  assert.deepEqual(readdirSync(dir).sort(), ['bn', 'en', 'gu', 'hi', 'kn', 'ml', 'mr', 'or', 'pa', 'ta', 'te', 'ur']);
});

test('every locale has every message, with the same placeholders, in its script', () => {
  const problems = [];
  for (const lang of Object.keys(SCRIPTS)) {
    const msgs = load(lang);
    for (const [key, { message, placeholders }] of Object.entries(en)) {
      const m = msgs[key];
      if (!m?.message?.trim()) { problems.push(`${lang}: no ${key}`); continue; }
      const used = (s) => [...s.matchAll(/\$([A-Z_]+)\$/g)].map((x) => x[1]).sort().join();
      if (used(m.message) !== used(message)) problems.push(`${lang}: ${key} placeholders`);
      if (JSON.stringify(m.placeholders ?? null) !== JSON.stringify(placeholders ?? null)) {
        problems.push(`${lang}: ${key} placeholder definitions`);
      }
      const letters = m.message.replace(/LeakLens|\$[A-Z_]+\$/g, '').match(/\p{L}/gu) ?? [];
      const own = letters.filter((c) => SCRIPTS[lang].test(c)).length;
      if (key !== 'extShortName' && own < letters.length * 0.75) problems.push(`${lang}: ${key} not in its script: ${m.message}`);
    }
    for (const key of Object.keys(msgs)) if (!en[key]) problems.push(`${lang}: unknown message ${key}`);
  }
  assert.deepEqual(problems, []);
});

test('every message the pages and scripts ask for exists in English', () => {
  const files = ['popup/popup.html', 'options/options.html', 'popup/popup.js', 'popup/quiet.js',
    'popup/changes.js', 'options/options.js', 'options/memory.js', 'content/content.js',
    'content/card.js', 'content/article.js', 'background.js'];
  const asked = new Set();
  for (const f of files) {
    const src = readFileSync(`extension/${f}`, 'utf8');
    for (const m of src.matchAll(/data-i18n="([A-Za-z]+)"|getMessage\('([A-Za-z]+)'|(?<![\w.])t\('([A-Za-z]+)'/g)) {
      asked.add(m[1] ?? m[2] ?? m[3]);
    }
    for (const m of src.matchAll(/getMessage\((\w+) \? '([A-Za-z]+)' : '([A-Za-z]+)'\)/g)) { asked.add(m[2]); asked.add(m[3]); }
  }
  assert.ok(asked.size > 30, `${asked.size} messages found`);
  const manifest = readFileSync('extension/manifest.json', 'utf8');
  for (const m of manifest.matchAll(/__MSG_(\w+)__/g)) asked.add(m[1]);
  assert.deepEqual([...asked].filter((k) => !en[k]), []);
});
