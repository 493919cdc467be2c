// Benchmark (not a test) of the extension on each opt-in site and on a news site: 200 posts in
// the site's markup (the fixture's own "later" post, cloned, each with a text from the corpus)
// inserted at once → time until every one is annotated, and how much of that came after the
// page had rendered them and its main thread was free again (LeakLens's own part, measured in
// the same run: the row); for comparison, the same page on an origin LeakLens does not run on,
// the browser alone laying out and rendering them. Medians of five runs of each.
// Usage: node bench/sites.mjs [posts] [--json]   (after `make extension`; part of `make bench`)
import { readFileSync, readdirSync } from 'node:fs';
import { launchWithExtension, serveSiteFixture } from '../tests/e2e/browser.mjs';
import '../extension/sites/catalog.js';

const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 200);
const JSON_OUT = process.argv.includes('--json');
const Catalog = globalThis.LeakLensCatalog;
// the written corpus's files (tests/corpus/real/ is a folder of its own)
const texts = readdirSync('tests/corpus').filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
  readFileSync(`tests/corpus/${f}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text));
const SITES = [
  ['reddit', 'https://www.reddit.com/r/india/', 'reddit-new.html'],
  ['facebook', 'https://www.facebook.com/', 'facebook-a.html'],
  ['youtube', 'https://www.youtube.com/watch?v=aB3dE5fG7hI', 'youtube-a.html'],
  ['telegram', 'https://web.telegram.org/k/', 'telegram-k.html'],
  ['whatsapp', 'https://web.whatsapp.com/', 'whatsapp-a.html'],
  ['news', 'https://news.example.in/india/cowin-bot-claim', 'news-article.html'],
];
const BASELINE = 'https://baseline.invalid';

const { context, worker, close } = await launchWithExtension({
  grant: [...Catalog.sites.flatMap((s) => s.matches), 'https://news.example.in/*'],
});
for (const [, url, fixture] of SITES) {
  await serveSiteFixture(context, url, fixture);
  await serveSiteFixture(context, BASELINE + new URL(url).pathname + new URL(url).search, fixture);
}
await worker.evaluate(async () => {
  await chrome.storage.sync.set({ sites: { reddit: true, facebook: true, youtube: true, telegram: true, whatsapp: true },
    articleSites: ['https://news.example.in/*'] });
  await globalThis.LeakLensBackground.syncSites();
});

/** In the page: N clones of the fixture's later post, each with its own text (the headline of a
 *  news article, else the post's longest text), inserted at once. Resolves when every one is
 *  marked by LeakLens, or (baseline) when the browser has rendered them. */
function insert({ posts, baseline }) {
  return new Promise((resolve) => {
    const unit = document.getElementById('later').content.firstElementChild;
    const into = document.querySelector('[data-later-into]');
    const frag = document.createDocumentFragment();
    posts.forEach((text, i) => {
      const clone = unit.cloneNode(true);
      clone.id = `bench-${i}`;
      let target = clone.querySelector('article h1');
      if (!target) {
        const walker = document.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!target || n.data.length > target.data.length) target = n;
      }
      target.textContent = text;
      for (const el of clone.querySelectorAll('[post-title]')) el.setAttribute('post-title', text);
      frag.append(clone);
    });
    let marked = 0;
    let done = null;
    let rendered = null;
    const t0 = performance.now();
    const finish = () => (baseline ? rendered !== null : done !== null && rendered !== null) &&
      resolve({ ms: baseline ? rendered : done, rendered });
    new MutationObserver((records) => {
      for (const r of records) if (r.target.dataset.leaklens === 'claim' || r.target.dataset.leaklens === 'clean') marked++;
      if (marked >= posts.length && done === null) { done = performance.now() - t0; finish(); }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-leaklens'] });
    into.prepend(frag);
    // when the browser has rendered the new posts and the main thread is free again
    requestAnimationFrame(() => setTimeout(() => { rendered = performance.now() - t0; finish(); }, 0));
  });
}

async function run(url, baseline, i) {
  const page = await context.newPage();
  await page.goto(baseline ? BASELINE + new URL(url).pathname + new URL(url).search : url);
  await page.waitForTimeout(baseline ? 300 : 1500); // LeakLens has read the fixture's own posts
  const posts = Array.from({ length: N }, (_, k) => `${texts[(i * N + k) % texts.length]} #${i}-${k}`);
  const result = await page.evaluate(insert, { posts, baseline });
  await page.close();
  return result;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
await run(SITES[0][1], true, 0); // warm-up: the browser's first page
for (const [i, [site, url]] of SITES.entries()) {
  // alternating, five of each: the median of each against the median of the other
  const annotated = [];
  const after = [];
  const base = [];
  for (let k = 0; k < 5; k++) {
    base.push((await run(url, true, i)).ms);
    const r = await run(url, false, i);
    annotated.push(r.ms);
    // LeakLens's own part, in the same run: from the page rendered and free to every post marked
    after.push(Math.max(0, r.ms - r.rendered));
  }
  results.push({ site, posts: N, annotated_ms: median(annotated), baseline_ms: median(base),
    beyond_ms: median(after), runs: { annotated, after, base } });
}
await close();
if (JSON_OUT) {
  console.log(JSON.stringify(results));
} else {
  console.log(`\nLeakLens on each site: ${N} posts inserted at once`);
  for (const r of results) {
    console.log(`  ${r.site.padEnd(10)} all annotated ${r.annotated_ms.toFixed(0).padStart(4)} ms after insertion; ` +
      `${r.beyond_ms.toFixed(0).padStart(3)} ms after the page's own render; the page alone (no LeakLens) ${r.baseline_ms.toFixed(0).padStart(4)} ms`);
  }
}
