// The real-text corpus (tests/corpus/real/): well-formed items, a split by publisher that
// follows the rule in tools/split-real-corpus.mjs, and a locked test whose SHA-256 is the one
// the README records (so it cannot change unnoticed after the split).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readItems, split, lockedHash } from '../../tools/split-real-corpus.mjs';

const ROOT = 'tests/corpus/real';
const KINDS = {
  claim: true, claim_with_denial: true, denial_only: false, other_sense: false,
  same_system: false, attack_no_data: false, hypothetical: false, policy_sharing: false,
  unrelated: false,
};
const SYSTEMS = ['cowin', 'aadhaar', 'icmr', 'aiims', 'aarogya_setu', 'digilocker', 'epfo', 'irctc', 'other'];
const dev = readItems([join(ROOT, 'dev')]);
const locked = readItems([join(ROOT, 'test')]);

test('the real corpus is split into dev and a locked test, nothing left unsplit', () => {
  assert.deepEqual(readdirSync(ROOT).filter((n) => n.endsWith('.jsonl')), []);
  assert.ok(dev.length + locked.length >= 1150, `${dev.length + locked.length} items`);
  const share = locked.length / (dev.length + locked.length);
  assert.ok(share > 0.25 && share < 0.35, `locked share ${share}`);
});

test('every item has its labels, a source and a date', () => {
  const ids = new Set();
  for (const { item, file } of [...dev, ...locked]) {
    assert.ok(!ids.has(item.id), `duplicate ${item.id}`);
    ids.add(item.id);
    assert.equal(file, `${item.lang}.jsonl`, item.id);
    assert.ok(item.kind in KINDS, `${item.id}: kind ${item.kind}`);
    assert.equal(item.is_claim, KINDS[item.kind], `${item.id}: is_claim`);
    assert.ok(item.text.trim().length > 0, item.id);
    assert.match(item.source_url, /^https?:\/\//, item.id);
    assert.ok(item.publisher, item.id);
    assert.match(item.date, /^(\d{4}(-\d{2}(-\d{2})?)?|unknown)$/, `${item.id}: date ${item.date}`);
    for (const s of item.systems) assert.ok(SYSTEMS.includes(s), `${item.id}: system ${s}`);
    if (!item.is_claim) assert.deepEqual([item.systems, item.fields], [[], []], item.id);
    assert.equal('operator' in item, item.systems.includes('other'), `${item.id}: operator`);
  }
});

test('no publisher is in both parts, and every language is in both', () => {
  const devPublishers = new Set(dev.map((x) => x.item.publisher));
  for (const { item } of locked) {
    assert.ok(!devPublishers.has(item.publisher), `${item.publisher} is in both parts`);
  }
  const langs = (part) => new Set(part.map((x) => x.item.lang));
  assert.deepEqual([...langs(locked)].sort(), [...langs(dev)].sort());
});

test('the split is the one the rule gives', () => {
  const parts = split([...dev, ...locked]);
  for (const [part, items] of [['dev', dev], ['test', locked]]) {
    const expected = [...parts[part].values()].flat().sort();
    assert.deepEqual(items.map((x) => x.line).sort(), expected, part);
  }
});

test('the locked test has the SHA-256 the README records', () => {
  const readme = readFileSync('README.md', 'utf8');
  const recorded = readme.match(/locked test SHA-256: `([0-9a-f]{64})`/);
  assert.ok(recorded, 'README.md records the locked test SHA-256');
  assert.equal(lockedHash(ROOT), recorded[1]);
});
