// The opt-in sites (Reddit, Facebook, YouTube, Telegram Web, WhatsApp Web), each on fixtures
// modelled on its real markup (two variants where the site A/B tests or has two clients): off
// until turned on in the popup; then a claim gets a card, a harmless post gets none, and a post
// loaded later by scrolling gets its card. Forwarded WhatsApp messages say so on the card.
// The browser runs a test-only copy of the extension with the sites' host permissions granted
// at install (browser.mjs, grantedCopy): headless browsers cannot click a permission prompt.
// In Firefox the popup-as-a-tab helper has no port yet: there the sites are turned on through
// the settings the popup writes (storage.sync), and the popup's own checks run in Chromium.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSER, artifact, launchWithExtension, networkRequests, openPopup, serveSiteFixture } from './browser.mjs';
import { pageState, waitForExpected, scrollToEnd } from './sites-expect.mjs';
import '../../extension/sites/catalog.js';

const Catalog = globalThis.LeakLensCatalog;
const VARIANTS = {
  reddit: [['https://www.reddit.com/r/india/', 'reddit-new.html'],
    ['https://old.reddit.com/r/india/comments/15efgh1/epfo_leak/', 'reddit-old.html']],
  facebook: [['https://www.facebook.com/', 'facebook-a.html'],
    ['https://web.facebook.com/groups/digitalrights/', 'facebook-b.html']],
  youtube: [['https://www.youtube.com/watch?v=aB3dE5fG7hI', 'youtube-a.html'],
    ['https://www.youtube.com/watch?v=Zz9Yy8Xx7Ww', 'youtube-b.html']],
  telegram: [['https://web.telegram.org/k/', 'telegram-k.html'], ['https://web.telegram.org/a/', 'telegram-a.html']],
  whatsapp: [['https://web.whatsapp.com/', 'whatsapp-a.html'], ['https://web.whatsapp.com/b', 'whatsapp-b.html']],
};

const test = nodeTest;
let browser;
const netLog = join(tmpdir(), `leaklens-sites-netlog-${process.pid}.json`);
before(async () => {
  browser = await launchWithExtension({ netLog, grant: Catalog.sites.flatMap((s) => s.matches) });
  for (const variants of Object.values(VARIANTS)) {
    for (const [url, fixture] of variants) await serveSiteFixture(browser.context, url, fixture);
  }
  mkdirSync('tests/artifacts', { recursive: true });
});
after(async () => {
  await browser?.close();
});

for (const site of Catalog.sites) {
  test(`${site.name}: off by default, then turned on (from the popup in Chromium); claims get cards, harmless posts none, later posts too`, async () => {
    const [[firstUrl], [secondUrl]] = VARIANTS[site.id];
    const page = await browser.context.newPage();
    await page.goto(firstUrl);
    // off: no content script runs here, although the permission is there in this test copy
    await page.waitForTimeout(800);
    assert.equal(await page.locator('[data-leaklens]').count(), 0, 'nothing happens before the reader turns the site on');

    if (BROWSER === 'chromium') {
      const popup = await openPopup(browser, page);
      const toggle = popup.locator('#site-feed');
      await toggle.waitFor();
      assert.equal(await toggle.isChecked(), false);
      assert.match(await popup.locator('#site-feed-label').textContent(), new RegExp(site.name));
      assert.equal(await popup.locator('#site-private').isVisible(), site.private,
        'the private-chat note shows on Telegram and WhatsApp');
      await toggle.click();
      await popup.close();
    } else {
      // what the popup's switch writes (the permission is granted in this test copy)
      await browser.worker.evaluate(async (id) => {
        const { sites = {} } = await chrome.storage.sync.get('sites');
        await chrome.storage.sync.set({ sites: { ...sites, [id]: true } });
      }, site.id);
    }
    // the page that was already open gets the script at once
    await waitForExpected(page);
    await scrollToEnd(page);
    await waitForExpected(page);
    const state = await pageState(page);
    assert.ok(state['later-claim']?.cards.length === 1, 'the post loaded by scrolling has its card');
    assert.ok(Object.values(state).every((s) => s.expect === 'clean' || s.expect === 'none' || s.visible),
      'every card renders');

    // the other variant, in a new page: the registered content script
    const other = await browser.context.newPage();
    await other.goto(secondUrl);
    await waitForExpected(other);
    await scrollToEnd(other);
    await waitForExpected(other);
    assert.ok((await pageState(other))['later-claim']?.cards.length === 1);
    if (site.id === 'reddit' || site.id === 'whatsapp') {
      const card = page.locator('#claim-1 [data-leaklens="card"]');
      await card.click({ position: { x: 20, y: 10 } });
      await page.waitForFunction(() => document.querySelector('#claim-1 [data-leaklens="card"]').getBoundingClientRect().height > 120);
      await page.setViewportSize({ width: 760, height: 900 });
      await page.locator('#claim-1').screenshot({ path: artifact(`site-${site.id}.png`) });
    }
    await other.close();
    await page.close();
  });
}

test('WhatsApp Web: a forwarded message says so on its card, others do not; cards follow the theme', async () => {
  for (const [url] of VARIANTS.whatsapp) {
    const page = await browser.context.newPage();
    await page.goto(url);
    await waitForExpected(page);
    const state = await pageState(page);
    assert.equal(state['claim-1'].note, 'Forwarded message', url);
    assert.equal(state['claim-2'].note, null, url);
    // the card follows the page's theme (the second fixture is WhatsApp's dark theme)
    assert.equal(await page.locator('#claim-1 [data-leaklens="card"]').getAttribute('data-theme'), url.endsWith('/b') ? 'dark' : 'light');
    await page.close();
  }
});

test('a message whose text goes loses its card; an edited one is checked again', async () => {
  const page = await browser.context.newPage();
  await page.goto(VARIANTS.whatsapp[0][0]);
  await waitForExpected(page);
  // the app re-renders the text as an empty element
  await page.evaluate(() => { document.querySelector('#claim-2 span.selectable-text > span').replaceWith(document.createElement('span')); });
  await page.waitForFunction(() => !document.querySelector('#claim-2 [data-leaklens]'));
  await page.evaluate(() => {
    document.querySelector('#claim-1 span.selectable-text > span').textContent = 'Good morning, the meeting is at 4 pm.';
  });
  await page.waitForFunction(() => document.querySelector('#claim-1 span.selectable-text').dataset.leaklens === 'clean' &&
    !document.querySelector('#claim-1 [data-leaklens="card"]'));
  await page.close();
});

test('turning a site off in the options removes its cards and its content script', async () => {
  const page = await browser.context.newPage();
  await page.goto(VARIANTS.reddit[0][0]);
  await waitForExpected(page);
  const options = await browser.openExtensionPage('options/options.html');
  const box = options.locator('#sites input[value="reddit"]');
  await box.waitFor();
  await options.waitForFunction(() => document.querySelector('#sites input[value="reddit"]').checked);
  await box.click();
  await page.waitForFunction(() => document.querySelectorAll('[data-leaklens="card"]').length === 0);
  const registered = await browser.worker.evaluate(async () =>
    (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).sort());
  assert.ok(!registered.includes('leaklens-reddit'), registered.join(' '));
  assert.ok(registered.includes('leaklens-whatsapp'), registered.join(' '));
  if (BROWSER === 'chromium') {
    // and on again from the options (Chromium keeps the test copy's install-time permission)
    await box.click();
    await page.goto(VARIANTS.reddit[0][0]);
    await waitForExpected(page);
  } else {
    // Firefox lets an extension give back even an install-time host permission: it did
    const held = await browser.worker.evaluate(() => chrome.permissions.contains({ origins: ['https://www.reddit.com/*'] }));
    assert.equal(held, false, 'turning Reddit off gave its permission back');
  }
  await options.close();
  await page.close();
});

test('on every site, the extension made no network requests', async () => {
  await browser.close(); // Chromium finishes its net log on exit
  browser = null;
  const { jobs, urls } = networkRequests(netLog);
  assert.ok(urls.has('https://web.whatsapp.com/'), 'the log saw the fixture pages');
  // every fixture file is answered by a test route: a request from a site's page or from the
  // extension would be something LeakLens loaded
  const origins = Object.values(VARIANTS).flat().map(([url]) => new URL(url).origin);
  // (Firefox's log cannot name initiators: there, every request not to Mozilla's services counts)
  const ours = jobs.filter((j) => j.initiator.startsWith('chrome-extension://') || origins.some((o) => j.initiator.startsWith(o)) ||
    j.initiator === 'unknown');
  assert.deepEqual(ours, []);
});
