// Builds the unpacked extensions dist/chrome and dist/firefox from extension/ and the WASM core.
// One manifest source (extension/manifest.json); each browser gets its own background entry,
// and Firefox its gecko settings.
// Usage: node tools/build-extension.mjs CORE_DIR OUT_DIR
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pack } from './pack.mjs';

const [coreDir = 'build/core', outDir = 'dist'] = process.argv.slice(2);
const base = JSON.parse(readFileSync('extension/manifest.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const version = pkg.version;

const perBrowser = {
  chrome: {
    background: { service_worker: 'background.js', type: 'module' },
  },
  firefox: {
    background: { scripts: ['background.js'], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'leaklens@leaklens-extension',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
};

for (const [browser, extra] of Object.entries(perBrowser)) {
  const dir = join(outDir, browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync('extension', dir, { recursive: true, filter: (src) => !src.endsWith('manifest.json') });
  mkdirSync(join(dir, 'core'), { recursive: true });
  for (const file of ['leaklens.js', 'leaklens_bg.wasm']) {
    cpSync(join(coreDir, file), join(dir, 'core', file));
  }
  // the card's style sheet, one source for the extension and the checker page
  const css = readFileSync('extension/content/card.css', 'utf8');
  writeFileSync(join(dir, 'content', 'card-style.js'),
    `// generated from card.css by tools/build-extension.mjs\nglobalThis.LeakLensCardStyle = ${JSON.stringify(css)};\n`);
  // the card strings of the languages the core loads on demand (English and Hindi are built
  // in), packed (tools/pack.mjs): the core reads them without a JSON parser
  mkdirSync(join(dir, 'card-text'), { recursive: true });
  for (const file of readdirSync('data/card-text').filter((f) => f.endsWith('.json'))) {
    const strings = JSON.parse(readFileSync(join('data/card-text', file), 'utf8'));
    writeFileSync(join(dir, 'card-text', file.replace(/\.json$/, '.packed')), pack(strings));
  }
  const manifest = { ...base, version, ...extra };
  // the project's tracker ("Report a wrong card" opens a prefilled issue there), when known
  if (pkg.homepage) manifest.homepage_url = pkg.homepage;
  if (browser === 'firefox') delete manifest.minimum_chrome_version;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
console.log(`extension: built ${Object.keys(perBrowser).map((b) => join(outDir, b)).join(', ')}`);
