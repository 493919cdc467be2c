// A feed on x.com: leak claims get a card host, harmless posts are marked clean, also when the
// page forbids inline scripts and WebAssembly with a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, serveFixture, STRICT_CSP } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchWithExtension();
});
after(async () => {
  await browser?.close();
});

test('the core runs in the extension service worker', async () => {
  assert.match(browser.worker.url(), /^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
});

for (const [name, url, csp] of [
  ['plain page', 'https://x.com/home', undefined],
  ['strict CSP page', 'https://x.com/search?q=cowin', STRICT_CSP],
]) {
  test(`cards on a ${name}`, async () => {
    await serveFixture(browser.context, url, 'x-feed.html', { csp });
    const page = await browser.context.newPage();
    const wasmErrors = [];
    page.on('console', (m) => m.type() === 'error' && wasmErrors.push(m.text()));
    await page.goto(url);
    const card = page.locator('#post-leak-en [data-leaklens="card"]');
    await card.waitFor({ timeout: 10_000 });
    assert.equal(await card.getAttribute('data-systems'), 'cowin');
    assert.ok((await card.boundingBox()).height > 0, 'the card renders content');
    await page.locator('#post-harmless [data-leaklens="clean"]').waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#post-harmless [data-leaklens="card"]').count(), 0);
    assert.deepEqual(wasmErrors, []);
    await page.close();
  });
}
