// Benchmark (not a test) of the checker page (dist/www) in Chromium: time to interactive (the
// core loaded, matcher built, page wired) and time from pasting the seed article to its card.
// Usage: node bench/checker.mjs   (after `make www`)
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveDirectory, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const ORIGIN = 'https://checker.leaklens.test';
const seed = readFileSync('tests/fixtures/seed-style-hi.txt', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const runs = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  await serveDirectory(context, ORIGIN, 'dist/www');
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/index.html`);
  await page.locator('body[data-ready="1"]').waitFor();
  const ready = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: nav.domContentLoadedEventEnd, interactive: performance.now() };
  });
  const card = await page.evaluate((text) => new Promise((resolve) => {
    const box = document.getElementById('text');
    const t0 = performance.now();
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-leaklens="card"]')) { obs.disconnect(); resolve(performance.now() - t0); }
    }).observe(document.getElementById('card-slot'), { childList: true });
    box.value = text;
    box.dispatchEvent(new Event('input'));
  }), seed);
  runs.push({ ...ready, card });
  await context.close();
}
await browser.close();
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
console.log('\nLeakLens checker page in Chromium (median of 5 fresh loads)');
console.log(`  DOMContentLoaded                          ${median('domContentLoaded').toFixed(0)} ms`);
console.log(`  interactive (core loaded, page wired)     ${median('interactive').toFixed(0)} ms`);
console.log(`  paste the seed article → its card shown   ${median('card').toFixed(0)} ms (includes the 150 ms typing debounce)`);
