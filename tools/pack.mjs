// The packed form of JSON (src/packed.rs) written from JavaScript: the extension's build packs
// the card strings of the languages its core loads on demand, so that the core needs no JSON
// parser. The layout is src/packed.rs's: MAGIC; the key count and the keys; one value. A value
// is `n`, `f`, `t`, `u<digits>;`, `i<digits>;` (the absolute value of a negative integer),
// `d<bits>;` (any other number, as the bits of an f64), `s<bytes>:<text>`, `a<count>:` and its
// items, or `o<count>:` and per entry `<key number>:` and its value. Counts and lengths are
// decimal; lengths are in UTF-8 bytes.
// Usage: import { pack } from './pack.mjs'; or node tools/pack.mjs FILE.json > FILE.packed

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MAGIC = '\u0001LLP1';

const bytes = (s) => Buffer.byteLength(s, 'utf8');

/** The packed text of a JSON value (as `JSON.parse` gives it). */
export function pack(value) {
  const keys = new Map();
  const collect = (v) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (!keys.has(k)) keys.set(k, keys.size);
        collect(x);
      }
    }
  };
  collect(value);
  const out = [MAGIC, `${keys.size}:`];
  for (const k of keys.keys()) out.push(`${bytes(k)}:${k}`);
  const write = (v) => {
    if (v === null) out.push('n');
    else if (v === true || v === false) out.push(v ? 't' : 'f');
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) out.push(v >= 0 ? `u${v};` : `i${-v};`);
      else {
        const view = new DataView(new ArrayBuffer(8));
        view.setFloat64(0, v);
        out.push(`d${view.getBigUint64(0)};`);
      }
    } else if (typeof v === 'string') out.push(`s${bytes(v)}:${v}`);
    else if (Array.isArray(v)) {
      out.push(`a${v.length}:`);
      v.forEach(write);
    } else if (typeof v === 'object') {
      const entries = Object.entries(v);
      out.push(`o${entries.length}:`);
      for (const [k, x] of entries) {
        out.push(`${keys.get(k)}:`);
        write(x);
      }
    } else throw new TypeError(`cannot pack a ${typeof v}`);
  };
  write(value);
  return out.join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(pack(JSON.parse(readFileSync(process.argv[2], 'utf8'))));
}
