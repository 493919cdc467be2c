// Generates the benchmark corpus: posts in 13 languages drawn from the development corpus,
// combined and varied with a fixed seed, as JSON Lines of at least MB megabytes.
// Usage: node bench/corpus.mjs OUT.jsonl [MB=10]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const [out, mb = '10'] = process.argv.slice(2);
const texts = readdirSync('tests/corpus').filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
  readFileSync(`tests/corpus/${f}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text));
let seed = 20261129;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
const lines = [];
let bytes = 0;
for (let id = 0; bytes < Number(mb) * 1e6; id++) {
  const parts = Array.from({ length: 1 + rand(3) }, () => texts[rand(texts.length)]);
  const text = `${parts.join(' ')} #${id}`;
  bytes += Buffer.byteLength(text);
  lines.push(JSON.stringify({ id, text, date: '2023-06-12' }));
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${out}: ${lines.length} posts, ${(bytes / 1e6).toFixed(1)} MB of text`);
