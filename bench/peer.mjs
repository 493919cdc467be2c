// The peer: the same vocabulary written as JavaScript RegExps, the way an extension author would
// do it in plain JS (one alternation per list, Unicode word boundaries, `*` as "word goes on"),
// with the simplest decision: a leak word plus a system, a field or a data word. It does less
// than LeakLens (no normalization, negation, hedges or evidence offsets); it is the baseline.
// Usage: node bench/peer.mjs CORPUS.jsonl   → one JSON line
import { readFileSync, readdirSync } from 'node:fs';

const t0 = performance.now();
const lists = { event: [], support: [], other: [] };
for (const f of readdirSync('data/lexicon')) {
  const lex = JSON.parse(readFileSync(`data/lexicon/${f}`, 'utf8'));
  lists.event.push(...lex.event);
  lists.other.push(...lex.other_sense, ...lex.negated_event);
  lists.support.push(...lex.data, ...Object.values(lex.systems).flat(), ...Object.values(lex.fields).flat());
}
const W = '[\\p{L}\\p{M}\\p{N}]';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const term = (t) => escape(t.replace(/\*$/, '')).replace(/[-\s]+/g, '[\\s-]+') + (t.endsWith('*') ? `${W}*` : `(?!${W})`);
const regex = (terms) => new RegExp(`(?<!${W})(?:${[...new Set(terms)].map(term).join('|')})`, 'giu');
const re = { event: regex(lists.event), support: regex(lists.support), other: regex(lists.other) };
const startup = performance.now() - t0;

function check(text) {
  const events = [...text.matchAll(re.event)].length;
  const others = [...text.matchAll(re.other)].length;
  const support = [...text.matchAll(re.support)].map((m) => m[0]);
  return { is_claim: events > others && support.length > 0, support };
}

const posts = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
const bytes = posts.reduce((n, p) => n + Buffer.byteLength(p), 0);
for (const p of posts.slice(0, 1000)) check(p);
const runs = [];
const RUNS = process.argv.includes('--quick') ? 1 : 3; // --quick: the smoke in make test
for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  for (const p of posts) check(p);
  runs.push((performance.now() - t) / 1e3);
}
const secs = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
console.log(JSON.stringify({ startup_ms: startup, posts: posts.length, bytes,
  us_per_post: secs * 1e6 / posts.length, mb_per_s: bytes / 1e6 / secs }));
