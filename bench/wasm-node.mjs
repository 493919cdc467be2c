// The WASM core under Node on the benchmark corpus (for bench/report.mjs): start-up
// (instantiate + build the matcher + load the knowledge) and `detect` per post.
// Usage: node bench/wasm-node.mjs CORPUS.jsonl   → one JSON line
import { readFileSync } from 'node:fs';
import { initSync, check, detect, warm } from '../build/core/leaklens.js';

const posts = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
const bytes = posts.reduce((n, p) => n + Buffer.byteLength(p), 0);
const wasm = readFileSync(new URL('../build/core/leaklens_bg.wasm', import.meta.url));
let t = performance.now();
initSync({ module: wasm });
warm(); // the matcher
check('CoWIN data leaked', undefined); // and the knowledge base, which the first claim loads
const startup = performance.now() - t;
for (const p of posts.slice(0, 1000)) detect(p);
const runs = [];
const RUNS = process.argv.includes('--quick') ? 1 : 3; // --quick: the smoke in make test
for (let r = 0; r < RUNS; r++) {
  t = performance.now();
  for (const p of posts) detect(p);
  runs.push((performance.now() - t) / 1e3);
}
const secs = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
console.log(JSON.stringify({ startup_ms: startup, posts: posts.length, bytes,
  us_per_post: secs * 1e6 / posts.length, mb_per_s: bytes / 1e6 / secs }));
