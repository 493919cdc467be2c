// WASM against the honest peer (bench/peer-core.mjs: the same algorithm in plain JavaScript),
// side by side in one Node process: first whether they agree (verdict, language, systems,
// fields, confidence) on every post of the labelled corpus and of CORPUS (as it is, and without
// digits or @), then each timed over both in alternating runs, so that both see the same machine.
// Usage: node bench/peer.mjs CORPUS.jsonl [--quick]   → one JSON line
import { readFileSync, readdirSync } from 'node:fs';
import { initSync, detect, warm } from '../build/core/leaklens.js';
import { compile, check } from './peer-core.mjs';

const QUICK = process.argv.includes('--quick');
const read = (f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
const posts = read(process.argv[2]);
// The same posts without digits or @: there the core's personal-data scanner, which the peer
// leaves out, stops at once, so both sides do the same work.
const plain = posts.map((p) => p.replace(/[\p{Nd}@]/gu, ''));
const plainBytes = plain.reduce((n, p) => n + Buffer.byteLength(p), 0);
const labelled = readdirSync('tests/corpus').filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => read(`tests/corpus/${f}`));
const bytes = posts.reduce((n, p) => n + Buffer.byteLength(p), 0);

let t = performance.now();
initSync({ module: readFileSync(new URL('../build/core/leaklens_bg.wasm', import.meta.url)) });
warm();
const wasmStartup = performance.now() - t;
t = performance.now();
const vocabulary = compile();
const peerStartup = performance.now() - t;

const KEYS = ['is_claim', 'confidence', 'language', 'systems', 'fields'];
// the confidence is an f32 in both: the core writes it as JSON does (shortest form, 0.9), the
// peer keeps JS's double of the f32 (0.8999999761581421); both are the same f32
const verdict = (r) => JSON.stringify(KEYS.map((k) => (k === 'confidence' ? Math.fround(r[k]) : r[k])));
const differ = [];
for (const text of [...labelled, ...posts, ...plain]) {
  const w = verdict(detect(text));
  const p = verdict(check(vocabulary, text));
  if (w !== p) differ.push({ text: text.slice(0, 80), wasm: w, peer: p });
}

const time = (list, f) => {
  const t0 = performance.now();
  for (const p of list) f(p);
  return (performance.now() - t0) / 1e3;
};
const runs = { wasm: [], peer: [], wasmPlain: [], peerPlain: [] };
for (let r = 0; r < (QUICK ? 1 : 5); r++) {
  runs.wasm.push(time(posts, detect));
  runs.peer.push(time(posts, (p) => check(vocabulary, p)));
  runs.wasmPlain.push(time(plain, detect));
  runs.peerPlain.push(time(plain, (p) => check(vocabulary, p)));
}
const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
const [wasm, peer, wasmPlain, peerPlain] = [runs.wasm, runs.peer, runs.wasmPlain, runs.peerPlain].map(median);
if (differ.length && process.argv.includes('--verbose')) console.error(differ.slice(0, 10));
console.log(JSON.stringify({
  posts: posts.length, bytes, compared: labelled.length + 2 * posts.length, differ: differ.length,
  first_difference: differ[0] ?? null,
  wasm_us_per_post: wasm * 1e6 / posts.length, peer_us_per_post: peer * 1e6 / posts.length,
  peer_mb_per_s: bytes / 1e6 / peer, wasm_startup_ms: wasmStartup, peer_startup_ms: peerStartup,
  plain_bytes: plainBytes, wasm_plain_us_per_post: wasmPlain * 1e6 / posts.length,
  peer_plain_us_per_post: peerPlain * 1e6 / posts.length,
}));
