// Splits the real-text corpus (tests/corpus/real/) into a development part (dev/, about 70%)
// and a locked test (test/, about 30%) by publisher, never by item: all the excerpts of one
// site land in the same part.
//
// The rule (deterministic, and checked by tests/js/real-corpus.test.mjs):
// - publishers are taken in the order of the SHA-256 of their name (a fixed pseudo-random
//   order that nobody picked);
// - a publisher goes to the locked test when, in every (language, claim or not) cell it has
//   items in, the test would still hold no more than round(30%) of that cell's items;
//   otherwise it goes to dev.
// So every language gets about 30% of its claims and of its non-claims in the locked test.
//
// Usage: node tools/split-real-corpus.mjs [--check]
//   reads every *.jsonl in tests/corpus/real/, real/dev/ and real/test/, writes
//   real/dev/<lang>.jsonl and real/test/<lang>.jsonl (items in their original order) and
//   removes the unsplit files; --check writes nothing and exits 1 if the files differ.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_SHARE = 0.3;

export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** Items of every *.jsonl file in `dirs`, in directory then file-name order. */
export function readItems(dirs) {
  const items = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
      const lines = readFileSync(join(dir, name), 'utf8').split('\n');
      lines.forEach((line, n) => {
        if (!line.trim()) return;
        try {
          items.push({ line, item: JSON.parse(line), file: name });
        } catch (e) {
          throw new Error(`${join(dir, name)}:${n + 1}: ${e.message}`);
        }
      });
    }
  }
  return items;
}

/** The set of publishers that go to the locked test. */
export function lockedPublishers(items) {
  const cellKey = (i) => `${i.lang}/${i.is_claim}`;
  const cells = new Map();
  const byPublisher = new Map();
  for (const { item } of items) {
    if (!item.publisher) throw new Error(`${item.id}: no publisher`);
    const k = cellKey(item);
    cells.set(k, (cells.get(k) ?? 0) + 1);
    const p = byPublisher.get(item.publisher) ?? new Map();
    p.set(k, (p.get(k) ?? 0) + 1);
    byPublisher.set(item.publisher, p);
  }
  const order = [...byPublisher.keys()]
    .map((p) => [sha256(p), p])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, p]) => p);
  const inTest = new Map();
  const locked = new Set();
  for (const p of order) {
    const counts = byPublisher.get(p);
    const fits = [...counts].every(
      ([k, n]) => (inTest.get(k) ?? 0) + n <= Math.floor(TEST_SHARE * cells.get(k) + 0.5),
    );
    if (!fits) continue;
    locked.add(p);
    for (const [k, n] of counts) inTest.set(k, (inTest.get(k) ?? 0) + n);
  }
  return locked;
}

/** The files of each part: part → lang → lines, items in their original order. */
export function split(items) {
  const locked = lockedPublishers(items);
  const sorted = [...items].sort((a, b) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  const parts = { dev: new Map(), test: new Map() };
  for (const { line, item } of sorted) {
    const part = parts[locked.has(item.publisher) ? 'test' : 'dev'];
    const lines = part.get(item.lang) ?? [];
    lines.push(line);
    part.set(item.lang, lines);
  }
  return parts;
}

/** SHA-256 of the locked test: its files concatenated in file-name order, as
 *  `cat tests/corpus/real/test/*.jsonl | sha256sum` gives it. */
export function lockedHash(root) {
  const dir = join(root, 'test');
  const names = readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort();
  const h = createHash('sha256');
  for (const n of names) h.update(readFileSync(join(dir, n)));
  return h.digest('hex');
}

function main() {
  const root = 'tests/corpus/real';
  const check = process.argv.includes('--check');
  const items = readItems([root, join(root, 'dev'), join(root, 'test')]);
  const ids = new Set();
  for (const { item } of items) {
    if (ids.has(item.id)) throw new Error(`${item.id}: duplicate id`);
    ids.add(item.id);
  }
  const parts = split(items);
  let differs = false;
  for (const [part, langs] of Object.entries(parts)) {
    const dir = join(root, part);
    if (!check) mkdirSync(dir, { recursive: true });
    for (const [lang, lines] of [...langs].sort()) {
      const path = join(dir, `${lang}.jsonl`);
      const body = lines.join('\n') + '\n';
      if (check) {
        if (!existsSync(path) || readFileSync(path, 'utf8') !== body) {
          console.error(`${path} differs from the split`);
          differs = true;
        }
      } else {
        writeFileSync(path, body);
      }
    }
  }
  if (check) process.exit(differs ? 1 : 0);
  for (const name of readdirSync(root).filter((n) => n.endsWith('.jsonl'))) unlinkSync(join(root, name));
  for (const [part, langs] of Object.entries(parts)) {
    const n = [...langs.values()].reduce((a, l) => a + l.length, 0);
    console.log(`${part}: ${n} items, ${langs.size} languages`);
  }
  console.log(`locked test SHA-256: ${lockedHash(root)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
