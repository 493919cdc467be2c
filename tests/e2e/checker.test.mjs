// The standalone checker page (dist/www) in Chromium: live checks, highlights, the share link,
// the ClaimReview export, copying the card, accessibility (axe-core) and phone/desktop layouts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serveDirectory, CHROMIUM_ARGS } from './browser.mjs';

const ORIGIN = 'https://checker.leaklens.test';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser;
let context;
const requests = [];

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await serveDirectory(context, ORIGIN, 'dist/www');
  context.on('request', (r) => requests.push(r.url()));
  mkdirSync('tests/artifacts', { recursive: true });
});
after(async () => {
  await browser?.close();
});

async function openChecker(hash = '') {
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/index.html${hash}`);
  await page.locator('body[data-ready="1"]').waitFor();
  return page;
}

test('typing a leak claim shows a card; a harmless text shows none', async () => {
  const page = await openChecker();
  await page.locator('#text').pressSequentially('CoWIN data leaked on a Telegram bot: names and phone numbers exposed', { delay: 2 });
  const card = page.locator('[data-leaklens="card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-systems'), 'cowin');
  assert.match(await page.locator('#verdict').textContent(), /Leak claim about CoWIN/);
  // the evidence is highlighted kind by kind
  assert.deepEqual(await page.locator('#marked mark.ev-system').allTextContents(), ['CoWIN']);
  assert.ok(await page.locator('#marked mark.ev-event').count() >= 1);
  assert.equal(await page.locator('#legend mark').count(), 7);
  await page.locator('#text').fill('Download your CoWIN vaccination certificate with your registered mobile number');
  await page.locator('#verdict', { hasText: 'No data-leak claim' }).waitFor();
  assert.equal(await card.count(), 0);
  await page.close();
});

test('the card language switch and the examples menu', async () => {
  const page = await openChecker();
  await page.selectOption('#examples', 'hindi-report');
  const card = page.locator('[data-leaklens="card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-systems'), 'cowin');
  assert.equal(await card.getAttribute('data-status'), 'disputed', 'dated June 2023: the Telegram-bot incident');
  const cardLang = () => page.evaluate(() => document.querySelector('[data-leaklens="card"]').shadowRoot.querySelector('section').lang);
  assert.equal(await cardLang(), 'hi');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('[data-leaklens="card"]').shadowRoot.querySelector('section').lang === 'en');
  await page.selectOption('#examples', 'negative');
  await page.locator('#verdict', { hasText: 'No data-leak claim' }).waitFor();
  await page.close();
});

test('the share link carries the text in the fragment and restores it', async () => {
  const page = await openChecker();
  const text = 'आधार डेटा लीक: 80 करोड़ लोगों के नाम और पते बिक्री पर, हैकर का दावा #AadhaarLeak';
  await page.locator('#text').fill(text);
  await page.locator('[data-leaklens="card"]').waitFor();
  await page.click('#share');
  const link = await page.locator('#share-link').inputValue();
  assert.ok(link.startsWith(`${ORIGIN}/index.html#text=`), link);
  assert.equal(new URL(link).search, '', 'nothing in the query string, which a server would see');
  await page.locator('#action-status', { hasText: 'copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const again = await openChecker(new URL(link).hash);
  assert.equal(await again.locator('#text').inputValue(), text);
  assert.equal(await again.locator('[data-leaklens="card"]').getAttribute('data-systems'), 'aadhaar');
  await again.close();
  await page.close();
});

test('the ClaimReview export parses and has the schema.org keys', async () => {
  const page = await openChecker();
  await page.selectOption('#examples', 'english-post');
  await page.locator('[data-leaklens="card"]').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  assert.equal(download.suggestedFilename(), 'leaklens-claimreview.json');
  const review = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(review['@context'], 'https://schema.org');
  assert.equal(review['@type'], 'ClaimReview');
  assert.ok(review.claimReviewed.startsWith('This is scary.'));
  assert.equal(review.itemReviewed['@type'], 'Claim');
  assert.equal(review.itemReviewed.appearance[0].url, 'https://x.com/example/status/1668000000000000000');
  assert.equal(review.reviewRating.alternateName, 'Disputed');
  assert.equal(review.author.name, 'LeakLens');
  assert.match(review.datePublished, /^\d{4}-\d{2}-\d{2}$/);
  await page.close();
});

test('copy the card as plain text', async () => {
  const page = await openChecker();
  await page.selectOption('#examples', 'english-post');
  await page.locator('[data-leaklens="card"]').waitFor();
  await page.click('#copy');
  await page.locator('#action-status', { hasText: 'Card copied' }).waitFor();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /Aadhaar number/);
  assert.match(text, /does not make a claim false/);
  await page.close();
});

test('report a wrong card: built from the text, copied only on a click, nothing sent', async () => {
  const page = await openChecker();
  const before = requests.length;
  await page.locator('#text').fill('CoWIN data leaked on a Telegram bot: names and Aadhaar numbers exposed');
  await page.locator('[data-leaklens="card"]').waitFor();
  await page.click('#report summary');
  await page.check('input[name="report-reason"][value="not_claim"]');
  await page.fill('#report-comment', 'This is a news report, not a claim.');
  const preview = await page.inputValue('#report-preview');
  for (const line of ['Reason: not_claim', 'Comment: This is a news report, not a claim.', 'Systems: cowin']) {
    assert.ok(preview.split('\n').includes(line), `${line}\n${preview}`);
  }
  assert.match(preview, /^Knowledge version: kb-[0-9a-f]{8}$/m);
  assert.match(preview, /^> CoWIN data leaked on a Telegram bot/m);
  await page.click('#report-copy');
  await page.locator('#action-status', { hasText: 'Report copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), preview);
  assert.deepEqual(requests.slice(before).filter((u) => !u.startsWith(ORIGIN)), []);
  await page.close();
});

test('personal data is hidden by default: highlights, card, share link, copied card, export', async () => {
  const page = await openChecker();
  const raw = ['2345 6789 0124', '98765 43210', 'ravi.k@example.in', 'ABCPE1234F'];
  const text = 'CoWIN data leaked on Telegram, bot reply: Aadhaar 2345 6789 0124, mobile +91 98765 43210, ' +
    'PAN ABCPE1234F, email ravi.k@example.in';
  await page.locator('#text').fill(text);
  const card = page.locator('[data-leaklens="card"]');
  await card.waitFor();
  assert.equal(await page.locator('#hide-personal-data').isChecked(), true);
  const none = (where, s) => raw.forEach((r) => assert.ok(!s.includes(r), `${r} in ${where}: ${s}`));
  const marked = await page.locator('#marked').textContent();
  none('highlights', marked);
  assert.match(marked, /XXXX XXXX 0124/);
  assert.equal(await page.locator('#marked mark.ev-personal_data').count(), 4);
  const cardText = await card.evaluate((host) => host.shadowRoot.textContent);
  none('card', cardText);
  assert.match(cardText, /This post shows what look like 1 Aadhaar number, 1 PAN, 1 phone number and 1 e-mail address/);
  await page.click('#share');
  const link = await page.locator('#share-link').inputValue();
  none('share link', decodeURIComponent(link));
  assert.match(decodeURIComponent(link), /XXXX XXXX 0124/);
  await page.click('#copy');
  await page.locator('#action-status', { hasText: 'Card copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  none('copied card', copied);
  assert.match(copied, /Sharing it spreads people's data/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const review = readFileSync(await download.path(), 'utf8');
  none('ClaimReview', review);
  assert.match(JSON.parse(review).claimReviewed, /XXXX XXXX 0124/);
  // turned off, the page shows the reader's own text as typed
  await page.locator('#hide-personal-data').uncheck();
  await page.waitForFunction(() => document.getElementById('marked').textContent.includes('2345 6789 0124'));
  await page.close();
});

test('hostile markup in the text stays text', async () => {
  const page = await openChecker();
  await page.locator('#text').fill('CoWIN data leak <img src=x onerror="window.__pwned=1"> names exposed <script>window.__pwned=2</script>');
  await page.locator('[data-leaklens="card"]').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#marked img, #marked script').count(), 0);
  await page.close();
});

test('axe-core finds no serious or critical problems', async () => {
  const axeContext = await browser.newContext({ bypassCSP: true });
  await serveDirectory(axeContext, ORIGIN, 'dist/www');
  const page = await axeContext.newPage();
  await page.goto(`${ORIGIN}/index.html`);
  await page.locator('body[data-ready="1"]').waitFor();
  await page.selectOption('#examples', 'english-post');
  await page.locator('[data-leaklens="card"]').waitFor();
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => globalThis.axe.run(document));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  await axeContext.close();
});

for (const width of [360, 1280]) {
  test(`layout at ${width} px`, async () => {
    const page = await openChecker();
    await page.setViewportSize({ width, height: 900 });
    await page.selectOption('#examples', 'english-post');
    await page.locator('[data-leaklens="card"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
    await page.screenshot({ path: `tests/artifacts/checker-${width}.png`, fullPage: true });
    await page.close();
  });
}

test('the page made no request beyond its own files', () => {
  const outside = requests.filter((r) => !r.startsWith(`${ORIGIN}/`) && !r.startsWith('blob:') && !r.startsWith('data:'));
  assert.deepEqual(outside, []);
});
