// The security checklist (SECURITY.md), line by line, checked on the sources: no HTML parsing
// of page text, a strict extension CSP, the fewest permissions, no remote code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return ext.some((e) => path.endsWith(e)) ? [path] : [];
  });
}
const scripts = [...files('extension', ['.js']), ...files('www', ['.js'])];
const manifest = JSON.parse(readFileSync('extension/manifest.json', 'utf8'));

test('no HTML parsing anywhere in the extension or the page', () => {
  const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|DOMParser|document\.write|srcdoc)\b/;
  const rustSinks = /set_inner_html|set_outer_html|insert_adjacent_html|DomParser/;
  const found = [];
  for (const f of scripts) {
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      if (sinks.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  for (const f of files('src', ['.rs'])) {
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      if (rustSinks.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.ok(scripts.length >= 8, 'the scan sees the scripts');
  assert.deepEqual(found, []);
});

test('no code from strings: no eval, new Function, or string timers', () => {
  const bad = /\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/;
  const found = scripts.filter((f) => bad.test(readFileSync(f, 'utf8')));
  assert.deepEqual(found, []);
});

test('no remote code: scripts and imports are the extension\'s own files', () => {
  const remote = /(import\s[^;]*from\s*['"]https?:|import\(\s*['"]https?:|importScripts\(\s*['"]https?:|<script[^>]+src=["']https?:)/;
  const pages = [...files('extension', ['.html']), ...files('www', ['.html'])];
  const found = [...scripts, ...pages].filter((f) => remote.test(readFileSync(f, 'utf8')));
  assert.deepEqual(found, []);
  for (const cs of manifest.content_scripts) for (const js of cs.js) assert.ok(!/^https?:/.test(js), js);
});

test('the extension CSP allows only its own scripts (plus WebAssembly compilation)', () => {
  const csp = manifest.content_security_policy.extension_pages;
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.ok(!/unsafe-eval'|unsafe-inline|https?:|\*/.test(csp.replace("'wasm-unsafe-eval'", '')), csp);
  const page = readFileSync('www/index.html', 'utf8').match(/Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(page, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(page, /connect-src 'self'/);
});

test('the fewest permissions that work', () => {
  assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'contextMenus', 'scripting', 'storage']);
  assert.deepEqual([...manifest.host_permissions].sort(),
    ['https://mobile.twitter.com/*', 'https://twitter.com/*', 'https://x.com/*']);
  assert.deepEqual(manifest.content_scripts.flatMap((c) => c.matches).sort(), [...manifest.host_permissions].sort());
  assert.ok(!JSON.stringify(manifest).includes('<all_urls>'));
  // every other site is optional, asked for when the reader turns it on: the opt-in sites of
  // extension/sites/catalog.js, and any https origin for "always check articles on this site"
  const catalog = readFileSync('extension/sites/catalog.js', 'utf8');
  for (const origin of manifest.optional_host_permissions) {
    assert.ok(origin === 'https://*/*' || catalog.includes(`'${origin}'`), origin);
  }
  assert.equal(manifest.web_accessible_resources, undefined, 'nothing exposed to pages');
  assert.equal(manifest.externally_connectable, undefined);
});

test('links in cards open in a new tab without an opener', () => {
  const card = readFileSync('extension/content/card.js', 'utf8');
  assert.match(card, /el\.rel = 'noopener noreferrer'/);
  assert.match(card, /https:\\\/\\\//, 'only https links are rendered');
  const www = readFileSync('src/www.rs', 'utf8');
  assert.match(www, /"rel", "noopener noreferrer"/);
});
