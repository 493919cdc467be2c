// Part of `make bench`: what the personal-data scanner weighs in the extension's core. Builds
// wasm-pack.toml's two measurement packages (the core without the scanner, and with the full
// `regex` crate in place of regex-lite) beside the shipped core (build/core) and prints their
// gzip sizes (WASM + glue) as JSON. Usage: node bench/scanner-size.mjs (after `make core`)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const outDir = (pkg) => execFileSync('python3', ['tools/wasm_pack_settings.py', pkg, 'out_dir'], { encoding: 'utf8' }).trim();
const gzip = (dir) => ['leaklens_bg.wasm', 'leaklens.js']
  .map((f) => gzipSync(readFileSync(`${dir}/${f}`), { level: 9 }).length)
  .reduce((a, b) => a + b);
const build = (pkg) => {
  execFileSync('bash', ['-c', `. .tools/wasm-env.sh && scripts/build-core.sh ${pkg}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  return outDir(pkg);
};
const none = gzip(build('bench-core-no-scanner'));
const full = gzip(build('bench-core-regex-full'));
console.log(JSON.stringify({ lite_gzip: gzip(outDir('core')), none_gzip: none, full_gzip: full }));
