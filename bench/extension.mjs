// Benchmark (not a test) of the extension in Chromium: 1000 X-like posts inserted at once →
// time until every one is annotated; the content script's main-thread time per 100 posts; the
// longest task the extension causes; the background core's cold start. For comparison, in the
// same run, the same page on a site LeakLens does not run on: how long the browser alone takes
// to lay out and render the 1000 posts (a floor under the annotated time, not part of it).
// Usage: node bench/extension.mjs [posts]   (after `make extension`)
import { readFileSync, readdirSync } from 'node:fs';
import { launchWithExtension, serveFixture, serveFile } from '../tests/e2e/browser.mjs';

const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1000);
const JSON_OUT = process.argv.includes('--json');
const texts = readdirSync('tests/corpus').filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
  readFileSync(`tests/corpus/${f}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text));
const posts = Array.from({ length: N }, (_, i) => ({
  id: String(1800000000000000000n + BigInt(i)),
  // vary each text so that no result comes from the cache
  text: `${texts[i % texts.length]} #${i}`,
}));

const { context, worker, close } = await launchWithExtension();
const cold = await worker.evaluate(async () => {
  while (globalThis.LeakLensBackground.timings.ready === null) await new Promise((r) => setTimeout(r, 5));
  return globalThis.LeakLensBackground.timings;
});

const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head>
<body><main id="timeline"></main><script src="/bench-page.js"></script></body></html>`;
// the bench page, on X and (the baseline) on a site without the content script
const BASELINE = 'https://baseline.invalid';
const pageScript = `
    window.longTasks = [];
    new PerformanceObserver((l) => window.longTasks.push(...l.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))))
      .observe({ type: 'longtask', buffered: true });
    // resolves when every post is annotated, or (baseline) when the posts are rendered
    window.insertPosts = (posts, baseline) => new Promise((resolve) => {
      let marked = 0;
      const t0 = performance.now();
      new MutationObserver((records) => {
        for (const r of records) if (r.target.dataset.leaklens === 'claim' || r.target.dataset.leaklens === 'clean') marked++;
        if (marked >= posts.length) resolve({ ms: performance.now() - t0, insertEnd, t0, freeAt });
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-leaklens'] });
      const frag = document.createDocumentFragment();
      for (const p of posts) {
        const a = document.createElement('article'); a.dataset.testid = 'tweet';
        const link = document.createElement('a'); link.href = '/u/status/' + p.id;
        const time = document.createElement('time'); time.dateTime = '2023-06-12T10:00:00.000Z'; link.append(time);
        const t = document.createElement('div'); t.dataset.testid = 'tweetText'; t.textContent = p.text;
        a.append(link, t); frag.append(a);
      }
      document.getElementById('timeline').append(frag);
      const insertEnd = performance.now();
      // when the browser has rendered the new posts and the main thread is free again
      let freeAt = null;
      requestAnimationFrame(() => setTimeout(() => {
        freeAt = performance.now();
        if (baseline) resolve({ ms: freeAt - t0, insertEnd, t0, freeAt });
      }, 0));
    });`;
for (const origin of ['https://x.com', BASELINE]) {
  await serveFixture(context, `${origin}/bench`, html, { csp: "script-src 'self'", inline: true });
  await context.route(`${origin}/bench-page.js`, (r) => r.fulfill({ contentType: 'text/javascript', body: pageScript }));
}
/** The page's own insertion and rendering of the posts, without LeakLens (a fresh tab). */
async function baselineRun() {
  const tab = await context.newPage();
  await tab.goto(`${BASELINE}/bench`);
  await tab.waitForTimeout(300);
  const { ms, insertEnd } = await tab.evaluate((p) => window.insertPosts(p, true), posts);
  await tab.waitForTimeout(200);
  const long = (await tab.evaluate(() => window.longTasks)).filter((t) => t.start + t.duration > insertEnd + 1);
  await tab.close();
  return { ms, long };
}
// once before and once after the measured run, so that neither gets the other's warm-up
const baselineBefore = await baselineRun();
const page = await context.newPage();
await page.goto('https://x.com/bench');
await page.waitForTimeout(300);
const run = await page.evaluate((p) => window.insertPosts(p), posts);
await page.waitForTimeout(200);
const longTasks = await page.evaluate(() => window.longTasks);
const baselineAfter = await baselineRun();
const baseline = (baselineBefore.ms + baselineAfter.ms) / 2;
const baselineLong = [...baselineBefore.long, ...baselineAfter.long].map((t) => t.duration);
const core = await worker.evaluate(() => globalThis.LeakLensBackground.timings);

const stats = await worker.evaluate(async () => {
  const [tab] = await chrome.tabs.query({ url: 'https://x.com/bench' });
  return chrome.tabs.sendMessage(tab.id, { type: 'leaklens:stats' });
});
// A real cold start: Chrome stops an idle service worker after ~30 s and starts it again for
// the next message. Stop it (CDP, from an extension page), then wake it with a message from a
// fresh extension page and read its own start-up timings.
const stopper = await context.newPage();
const optionsUrl = worker.url().replace('background.js', 'options/options.html');
await stopper.goto(optionsUrl);
const cdp = await context.newCDPSession(stopper);
await cdp.send('ServiceWorker.enable');
await cdp.send('ServiceWorker.stopAllWorkers');
await stopper.close().catch(() => {});
await new Promise((r) => setTimeout(r, 500));
const waker = await context.newPage();
await waker.goto(optionsUrl);
const restart = await waker.evaluate(() => chrome.runtime.sendMessage({ type: 'leaklens:timings' }));
const warmStart = restart.ready;
if (process.argv.includes('--verbose')) console.log('restart timings', restart);
await waker.close();

// the page's own insertion is one task; every other long task came after it
const insertion = run.insertEnd - run.t0;
const others = longTasks.filter((t) => t.start + t.duration > run.insertEnd + 1);
const longest = Math.max(0, ...others.map((t) => t.duration));
await close();

const rows = [
  ['posts inserted', N, ''],
  ['inserted → all annotated', `${run.ms.toFixed(0)} ms`, '≤ 200 ms'],
  ['  the page inserting them', `${insertion.toFixed(0)} ms`, ''],
  ['  the browser rendering them (main thread busy)', `${(run.freeAt - run.t0).toFixed(0)} ms`, ''],
  ['  LeakLens after that', `${(run.ms - (run.freeAt - run.t0)).toFixed(0)} ms`, ''],
  ['baseline: the same page without LeakLens, inserted → rendered', `${baseline.toFixed(0)} ms`, ''],
  ['  its long tasks ≥ 50 ms (2 runs: before and after)', `${baselineLong.length} (longest ${Math.max(0, ...baselineLong).toFixed(0)} ms)`, ''],
  ['content script main-thread time', `${stats.busyMs.toFixed(1)} ms (${(stats.busyMs / N * 100).toFixed(2)} ms per 100 posts)`, ''],
  ['longest content-script slice', `${stats.longestSliceMs.toFixed(1)} ms`, '< 50 ms'],
  ['long tasks ≥ 50 ms after the insertion (incl. rendering)', `${others.length} (longest ${longest.toFixed(0)} ms)`, 'none'],
  ['batches sent to the core', stats.batches, ''],
  ['  first sent, last sent, last answered, last shown at', [stats.firstSend, stats.lastSend, stats.lastReply, stats.lastShow].map((t) => (t - run.t0).toFixed(0)).join(', ') + ' ms', ''],
  ['core time checking them (background)', `${core.checkMs.toFixed(0)} ms for ${core.checked} posts`, ''],
  ['background start at browser launch (worker start → core ready)', `${cold.ready.toFixed(1)} ms`, ''],
  ['background cold start after Chrome stopped the worker', `${warmStart.toFixed(1)} ms`, '≤ 30 ms'],
];
if (JSON_OUT) {
  console.log(JSON.stringify({ posts: N, annotated_ms: run.ms, render_ms: run.freeAt - run.t0,
    baseline_render_ms: baseline, baseline_long_tasks: baselineLong.length / 2,
    busy_ms: stats.busyMs, busy_per_100: stats.busyMs / N * 100, longest_slice_ms: stats.longestSliceMs,
    long_tasks_after: others.length, longest_task_ms: longest, cold_start_ms: cold.ready,
    restart_ms: warmStart, core_check_ms: core.checkMs }));
  process.exit(0);
}
console.log('\nLeakLens extension in Chromium');
for (const [k, v, target] of rows) console.log(`  ${k.padEnd(48)} ${String(v).padEnd(34)} ${target}`);
