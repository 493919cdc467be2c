// Where the bytes of the extension's core go (for bench/report.mjs; no tool to install): the
// optimized module's code and data sections, raw and gzip; the data by table (the embedded
// blobs build.rs wrote, found in the module); the code by crate, from the function names of
// the module before wasm-opt (scripts/build-core.sh keeps it as build/core.names.wasm).
// Usage: node bench/size.mjs [build/core]   → one JSON line
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'build/core';
const gz = (b) => gzipSync(b, { level: 9 }).length;

/** The sections of a module: id (or custom name) → bytes. */
function sections(bytes) {
  let p = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = bytes[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  const out = { list: [] };
  while (p < bytes.length) {
    const id = bytes[p++];
    const len = leb();
    const start = p;
    let name = String(id);
    let from = start;
    if (id === 0) { const n = leb(); name = bytes.subarray(p, p + n).toString(); from = p + n; }
    out.list.push({ name, body: bytes.subarray(from, start + len) });
    p = start + len;
  }
  return out.list;
}

/** Function name → body size, from a module with a name section. */
function functionSizes(bytes) {
  const list = sections(bytes);
  const body = (name) => list.find((s) => s.name === name)?.body;
  let b = body('2');
  let p = 0;
  const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  let imported = 0;
  for (let n = leb(), i = 0; i < n; i++) {
    p += leb(); p += leb();
    const kind = b[p++];
    if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; if (b[p++] & 1) { leb(); } leb(); } else if (kind === 2) { if (b[p++] & 1) { leb(); } leb(); } else { p += 2; }
  }
  const names = new Map();
  b = body('name');
  p = 0;
  while (b && p < b.length) {
    const id = b[p++];
    const len = leb();
    const end = p + len;
    if (id === 1) for (let n = leb(), i = 0; i < n; i++) { const idx = leb(); const l = leb(); names.set(idx, b.subarray(p, p + l).toString()); p += l; }
    p = end;
  }
  b = body('10');
  p = 0;
  const out = [];
  for (let n = leb(), i = 0; i < n; i++) { const len = leb(); out.push([names.get(imported + i) ?? '?', len]); p += len; }
  return out;
}

/** The crate a (mangled) function name belongs to. */
function crateOf(name) {
  const impl = name.match(/^_ZN\d+_\$LT\$(?:\$RF\$|mut\$u20\$)*([A-Za-z_]\w*)/);
  if (impl) return impl[1];
  const legacy = name.match(/^_ZN(\d+)([A-Za-z_]\w*)/);
  if (legacy) return legacy[2].slice(0, Number(legacy[1]));
  const v0 = name.match(/^_R.*?Cs[0-9A-Za-z]+_(\d+)([A-Za-z_]\w*)/);
  if (v0) return v0[2].slice(0, Number(v0[1]));
  if (name.startsWith('__wbg') || name.startsWith('__wbindgen')) return 'wasm_bindgen';
  return 'other';
}

const wasm = readFileSync(`${dir}/leaklens_bg.wasm`);
const list = sections(wasm);
const code = list.find((s) => s.name === '10').body;
const data = list.find((s) => s.name === '11').body;

/** Whether the module holds `blob` split where wasm-opt cut it into segments at runs of zeros
 *  (memory packing): every piece between such runs is in the data section. */
function inPieces(blob) {
  const pieces = [];
  let start = 0;
  for (let i = 0; i <= blob.length; i++) {
    let zeros = 0;
    while (i + zeros < blob.length && blob[i + zeros] === 0) zeros++;
    if (zeros >= 4 || i === blob.length) {
      if (i > start) pieces.push(blob.subarray(start, i));
      start = i + zeros;
      i += zeros;
    }
  }
  return pieces.length > 1 && pieces.every((p) => data.indexOf(p) >= 0);
}

// the data by table: the blobs build.rs embedded (newest build output), where the module holds
// them whole (wasm-opt may split a table at runs of zeros; what is not found counts as other)
const tables = {};
const outDirs = ['target/wasm32-unknown-unknown/release/build']
  .filter(existsSync)
  .flatMap((b) => readdirSync(b).filter((d) => d.startsWith('leaklens-')).map((d) => `${b}/${d}/out`))
  .filter((d) => existsSync(`${d}/vocabulary.bin`))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
if (outDirs.length) {
  for (const f of readdirSync(outDirs[0]).filter((f) => !f.endsWith('.rs'))) {
    const blob = readFileSync(`${outDirs[0]}/${f}`);
    if (data.indexOf(blob) >= 0 || inPieces(blob)) tables[f] = { raw: blob.length, gzip: gz(blob) };
  }
}

let byCrate = {};
if (existsSync(`${dir}.names.wasm`)) {
  for (const [name, size] of functionSizes(readFileSync(`${dir}.names.wasm`))) {
    if (name.startsWith('__wbindgen_describe')) continue; // wasm-bindgen removes these
    const c = crateOf(name);
    byCrate[c] = (byCrate[c] ?? 0) + size;
  }
  byCrate = Object.fromEntries(Object.entries(byCrate).sort((a, b) => b[1] - a[1]));
}
console.log(JSON.stringify({
  wasm: { raw: wasm.length, gzip: gz(wasm) },
  code: { raw: code.length, gzip: gz(code) },
  data: { raw: data.length, gzip: gz(data) },
  tables,
  code_by_crate_before_wasm_opt: byCrate,
}));
