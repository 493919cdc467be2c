// What readers get from the extension itself, in the browser of the run: cards in the post's
// language for all 13 languages; status-change notices after a knowledge update (simulated:
// the remembered status is set to an older one); "Snooze for today"; the popup and the options
// pass axe-core and work from the keyboard; the feed announces its cards politely; nothing is
// wider than the screen at 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchWithExtension, serveFixture, seriousAxeViolations, STRICT_CSP, artifact } from './browser.mjs';
import { initSync, check, incidentStatus } from '../../build/core/leaklens.js';

initSync({ module: readFileSync(new URL('../../build/core/leaklens_bg.wasm', import.meta.url)) });

const LANGS = ['en', 'hi', 'hi-Latn', 'bn', 'ta', 'te', 'ml', 'mr', 'gu', 'kn', 'pa', 'or', 'ur'];
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An X-like feed with one claim per language (from the development corpus). */
function feed() {
  const posts = LANGS.map((lang, i) => {
    const items = readFileSync(`tests/corpus/${lang}.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const item = items.find((it) => it.is_claim && check(it.text, undefined).is_claim);
    return `<div data-testid="cellInnerDiv"><article data-testid="tweet" id="post-${lang}">
      <div data-testid="User-Name"><span>Reader ${i}</span><a href="/r/status/${1800000000000000000n + BigInt(i)}">
      <time datetime="2023-06-12T04:10:00.000Z">Jun 12, 2023</time></a></div>
      <div data-testid="tweetText" lang="${lang}"><span>${escape(item.text)}</span></div></article></div>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home / X</title></head>
    <body style="font:15px system-ui;margin:0"><main role="main">${posts.join('\n')}</main></body></html>`;
}

let browser;
before(async () => {
  browser = await launchWithExtension();
  await serveFixture(browser.context, 'https://x.com/languages', feed(), { csp: STRICT_CSP, inline: true });
  await serveFixture(browser.context, 'https://x.com/home', 'x-feed.html', { csp: STRICT_CSP });
});
after(async () => {
  await browser?.close();
});

test('every language gets its card in the post\'s language', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://x.com/languages');
  for (const lang of LANGS) {
    const card = page.locator(`#post-${lang} [data-leaklens="card"]`);
    await card.waitFor({ timeout: 15_000 });
    assert.equal(await card.getAttribute('lang'), lang, lang);
  }
  // the feed says, politely, how many cards it has (no focus moves)
  await page.waitForFunction(() => /13/.test(document.querySelector('[data-leaklens-live]')?.textContent ?? ''));
  assert.equal(await page.locator('[data-leaklens-live]').getAttribute('aria-live'), 'polite');
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
  // nothing is wider than the screen, cards open or closed (the narrow run is 390 px)
  await page.locator('#post-ta [data-leaklens="card"]').click({ position: { x: 20, y: 10 } });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${overflow} px wider than the screen`);
  await page.locator('#post-ta').screenshot({ path: artifact('card-ta-in-feed.png') });
  await page.close();
});

test('a status change of an opened card\'s incident is told once: badge and popup list', async () => {
  await browser.worker.evaluate(() => globalThis.LeakLensBackground.forget()); // a fresh memory
  const page = await browser.context.newPage();
  await page.goto('https://x.com/home');
  const card = page.locator('#post-leak-en [data-leaklens="card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-status'), 'disputed');
  await card.click({ position: { x: 20, y: 10 } }); // the reader opens it: its incident is remembered
  const seen = async () => (await browser.worker.evaluate(() => chrome.storage.local.get('seenIncidents'))).seenIncidents ?? {};
  let remembered = {};
  for (let i = 0; i < 50 && !Object.keys(remembered).length; i++) {
    remembered = await seen();
    if (!Object.keys(remembered).length) await page.waitForTimeout(100);
  }
  const [incident] = Object.keys(remembered);
  assert.ok(incident, 'the opened card\'s incident is remembered');
  assert.deepEqual(remembered[incident], { status: 'disputed', lang: 'en' });
  // a knowledge update: the status the reader saw was "officially denied"; the knowledge now
  // says "disputed"
  await browser.worker.evaluate((id) => chrome.storage.local.set({
    seenIncidents: { [id]: { status: 'officially_denied', lang: 'en' } } }), incident);
  const notices = await browser.worker.evaluate(() => globalThis.LeakLensBackground.checkStatusChanges('2026-03-02'));
  assert.equal(notices.length, 1);
  assert.equal(await browser.worker.evaluate(() => chrome.action.getBadgeText({})), '1');
  const popup = await browser.openExtensionPage('popup/popup.html');
  await popup.locator('#changes:not([hidden]) li').waitFor();
  // the date in the reader's UI language ("2 March" in en-GB or en-IN, "March 2" in en-US)
  const day = await popup.evaluate(() => new Intl.DateTimeFormat(chrome.i18n.getUILanguage(),
    { day: 'numeric', month: 'long' }).format(new Date('2026-03-02T12:00:00')));
  assert.match(day, /\b2\b/);
  assert.match(day, /March/);
  assert.equal(await popup.locator('#change-list li').textContent(),
    `${incidentStatus(incident, 'en')[2]}: Officially denied → Disputed, ${day}`);
  // told once: the badge goes, and a second look finds nothing new
  for (let i = 0; i < 50 && (await browser.worker.evaluate(() => chrome.action.getBadgeText({}))) !== ''; i++) {
    await popup.waitForTimeout(100);
  }
  assert.equal(await browser.worker.evaluate(() => chrome.action.getBadgeText({})), '');
  assert.deepEqual(await browser.worker.evaluate(() => globalThis.LeakLensBackground.checkStatusChanges('2026-03-03')), []);
  assert.deepEqual((await seen())[incident], { status: 'disputed', lang: 'en' });
  await popup.close();
  // the options forget what was remembered
  const options = await browser.openExtensionPage('options/options.html');
  await options.click('#forget');
  await options.locator('#forgotten', { hasText: /\S/ }).waitFor();
  assert.deepEqual(await seen(), {});
  await options.close();
  await page.close();
});

test('"Snooze for today" turns the cards off until midnight; resuming brings them back', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://x.com/home');
  await page.locator('#post-leak-en [data-leaklens="card"]').waitFor();
  const popup = await browser.openExtensionPage('popup/popup.html');
  await popup.click('#snooze');
  await page.waitForFunction(() => document.querySelectorAll('[data-leaklens="card"]').length === 0);
  const { snoozedUntil } = await browser.worker.evaluate(() => chrome.storage.sync.get('snoozedUntil'));
  const midnight = new Date(); midnight.setHours(24, 0, 0, 0);
  assert.equal(snoozedUntil, midnight.getTime());
  assert.equal(await popup.locator('#snooze').getAttribute('aria-pressed'), 'true');
  await popup.click('#snooze'); // "Resume now"
  await page.locator('#post-leak-en [data-leaklens="card"]').waitFor();
  assert.equal(await popup.locator('#snooze').getAttribute('aria-pressed'), 'false');
  await popup.close();
  await page.close();
});

for (const path of ['popup/popup.html', 'options/options.html']) {
  test(`${path} passes axe-core and is usable from the keyboard`, async () => {
    const page = await browser.openExtensionPage(path);
    await page.waitForTimeout(200);
    assert.deepEqual(await seriousAxeViolations(page), []);
    // every control is reached with Tab
    const controls = await page.evaluate(() => [...document.querySelectorAll('button:not([hidden]), select, input, a[href]')]
      .filter((el) => el.getClientRects().length).length);
    const reached = new Set();
    for (let i = 0; i < controls + 25; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => {
        const el = document.activeElement;
        return el && el !== document.body ? `${el.tagName}#${el.id}:${el.name ?? ''}:${el.value ?? ''}:${el.textContent.slice(0, 20)}` : null;
      }));
    }
    reached.delete(null);
    // radio groups take one Tab stop each
    const radioGroups = await page.evaluate(() => new Set([...document.querySelectorAll('input[type=radio]')].map((r) => r.name)).size);
    const radios = await page.evaluate(() => document.querySelectorAll('input[type=radio]').length);
    assert.ok(reached.size >= controls - radios + radioGroups, `${reached.size} of ${controls} controls reached`);
    await page.screenshot({ path: artifact(path.replace('/', '-').replace('.html', '.png')) });
    await page.close();
  });
}
