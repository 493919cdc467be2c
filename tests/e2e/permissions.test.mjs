// Permissions: the default install asks for X only. Every other site is optional, asked for when
// the reader turns it on; nothing runs on those sites before that.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchWithExtension, serveSiteFixture } from './browser.mjs';
import '../../extension/sites/catalog.js';

const Catalog = globalThis.LeakLensCatalog;
const X = ['https://x.com/*', 'https://twitter.com/*', 'https://mobile.twitter.com/*'];

for (const browserName of ['chrome', 'firefox']) {
  test(`the ${browserName} manifest asks for X only; the other sites are optional`, () => {
    const m = JSON.parse(readFileSync(`dist/${browserName}/manifest.json`, 'utf8'));
    assert.deepEqual(m.host_permissions, X);
    assert.deepEqual(m.permissions.sort(), ['activeTab', 'contextMenus', 'scripting', 'storage']);
    assert.deepEqual(m.content_scripts.flatMap((c) => c.matches), X);
    for (const site of Catalog.sites) {
      for (const pattern of site.matches) assert.ok(m.optional_host_permissions.includes(pattern), pattern);
    }
    // "always check articles on this site" and the news list ask for origins at run time
    assert.ok(m.optional_host_permissions.includes('https://*/*'));
    assert.ok(Catalog.news.every((p) => p.startsWith('https://')));
    assert.ok(!JSON.stringify(m.host_permissions).includes('<all_urls>'));
  });
}

let browser;
before(async () => {
  browser = await launchWithExtension();
  await serveSiteFixture(browser.context, 'https://www.reddit.com/r/india/', 'reddit-new.html');
});
after(async () => {
  await browser?.close();
});

test('installed, the extension holds X only, registers no other script and does nothing elsewhere', async () => {
  const { origins, scripts } = await browser.worker.evaluate(async () => ({
    origins: (await chrome.permissions.getAll()).origins,
    scripts: await chrome.scripting.getRegisteredContentScripts(),
  }));
  assert.deepEqual([...origins].sort(), [...X].sort());
  assert.deepEqual(scripts, []);
  // turned on without the permission (settings synced from another device): still nothing runs
  await browser.worker.evaluate(() => chrome.storage.sync.set({ sites: { reddit: true } }));
  assert.deepEqual(await browser.worker.evaluate(() => globalThis.LeakLensBackground.syncSites()), []);
  const page = await browser.context.newPage();
  await page.goto('https://www.reddit.com/r/india/');
  await page.waitForTimeout(800);
  assert.equal(await page.locator('[data-leaklens]').count(), 0);
  await page.close();
});
