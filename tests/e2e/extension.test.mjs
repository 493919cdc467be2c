// The extension on X pages: selectors on real markup variants (quoted posts, single post
// pages, "Show more"), hostile markup stays inert, keyboard use and dismissal, SPA
// navigation, the on/off switch, the toolbar check of an article (the seed article), and
// screenshots of a card in light and dark pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { launchWithExtension, serveFixture, serveFile, STRICT_CSP, artifact, VIEWPORT } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchWithExtension();
  await serveFixture(browser.context, 'https://x.com/reporter/status/1668000000000000001', 'x-variants.html', { csp: STRICT_CSP });
  await serveFile(browser.context, 'https://x.com/x-variants.js', 'tests/fixtures/x-variants.js');
  mkdirSync('tests/artifacts', { recursive: true });
});
after(async () => {
  await browser?.close();
});

async function open(url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

test('selectors read ids and dates of posts and quoted posts', async () => {
  // the selector file itself, on the fixture's markup (without the extension around it)
  const plain = await browser.context.newPage();
  await plain.setContent(readFileSync('tests/fixtures/x-variants.html', 'utf8').replace('<script src="/x-variants.js"></script>', ''));
  await plain.addScriptTag({ content: readFileSync('extension/sites/site.js', 'utf8') });
  await plain.addScriptTag({ content: readFileSync('extension/sites/x.js', 'utf8') });
  const info = await plain.evaluate(() => ['focal-text', 'quote-text', 'reply-text'].map((id) => {
    const { id: postId, date } = globalThis.LeakLensSites.forHost('x.com').read(document.getElementById(id));
    return { id: postId, date };
  }));
  assert.deepEqual(info, [
    { id: '1668000000000000001', date: '2023-06-12T08:30:00.000Z' },
    { id: '1668000000000000002', date: '2021-06-10T05:00:00.000Z' },
    { id: '1668000000000000003', date: '2023-06-12T09:00:00.000Z' },
  ]);
  await plain.close();
});

test('a quoted post gets its own card, matched by its own date', async () => {
  const page = await open('https://x.com/reporter/status/1668000000000000001');
  const card = page.locator('#quote [data-leaklens="card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-systems'), 'cowin');
  // posted June 2021, about the dark-web claim of that month
  assert.equal(await card.getAttribute('data-status'), 'officially_denied');
  await page.locator('#focal-text[data-leaklens="clean"]').waitFor();
  await page.close();
});

test('"Show more" expansions are checked again', async () => {
  const page = await open('https://x.com/reporter/status/1668000000000000001');
  await page.locator('#reply-text[data-leaklens="clean"]').waitFor();
  await page.click('#show-more');
  const card = page.locator('#reply [data-leaklens="card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-systems'), 'cowin');
  await page.close();
});

test('markup in a post stays inert text', async () => {
  const page = await open('https://x.com/reporter/status/1668000000000000001');
  const card = page.locator('#hostile [data-leaklens="card"]');
  await card.waitFor();
  await card.click({ position: { x: 20, y: 10 } }); // expand: the evidence list quotes the text
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#hostile img, #hostile script').count(), 0);
  assert.match(await page.locator('#hostile-text').textContent(), /<img src=x/);
  await page.close();
});

test('keyboard: Tab to the badge, Enter expands, Escape closes, Escape again dismisses', async () => {
  const page = await open('https://x.com/reporter/status/1668000000000000001');
  const card = page.locator('#quote [data-leaklens="card"]');
  await card.waitFor();
  const height = async () => (await card.boundingBox())?.height ?? 0;
  const collapsed = await height();
  await card.focus().catch(() => {});
  await page.keyboard.press('Tab'); // into the shadow root: the badge button
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    found = await page.evaluate(() => document.activeElement?.dataset?.leaklens === 'card' &&
      document.activeElement.closest('#quote') !== null);
    if (!found) await page.keyboard.press('Tab');
  }
  assert.ok(found, 'the card is reachable with Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => {
    const el = document.querySelector('#quote [data-leaklens="card"]');
    return el && el.getBoundingClientRect().height > h + 50;
  }, collapsed);
  await page.keyboard.press('Escape');
  await page.waitForFunction((h) => document.querySelector('#quote [data-leaklens="card"]').getBoundingClientRect().height <= h + 1, collapsed);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#quote [data-leaklens="card"]'));
  await page.close();
});

test('SPA navigation: posts that arrive after pushState get cards', async () => {
  const page = await open('https://x.com/reporter/status/1668000000000000001');
  await page.locator('#quote [data-leaklens="card"]').waitFor();
  await page.evaluate(() => {
    history.pushState({}, '', '/search?q=icmr');
    const main = document.querySelector('main');
    main.replaceChildren();
    const article = document.createElement('article');
    article.dataset.testid = 'tweet';
    article.id = 'later';
    const text = document.createElement('div');
    text.dataset.testid = 'tweetText';
    text.textContent = 'ICMR data breach: Aadhaar and passport details of 81.5 crore Indians up for sale on the dark web';
    article.append(text);
    main.append(article);
  });
  const card = page.locator('#later [data-leaklens="card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-systems'), 'icmr');
  await page.close();
});

/** All text and attribute values inside the card of the post `postId`, closed shadow root
 * included (read through the DevTools protocol, which pierces closed roots). */
async function cardContents(page, postId) {
  if (page.piercedText) { // Firefox: WebDriver BiDi serializes closed roots
    const text = await page.piercedText(`#${postId} [data-leaklens="card"]`);
    assert.ok(text, `a card in #${postId}`);
    return text;
  }
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  await cdp.detach();
  const attrs = (n) => Object.fromEntries((n.attributes ?? []).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v, all[i + 1]]]), []));
  const kids = (n) => [...(n.children ?? []), ...(n.shadowRoots ?? []), ...(n.contentDocument ? [n.contentDocument] : [])];
  const find = (n, test) => (test(n) ? n : kids(n).map((k) => find(k, test)).find(Boolean));
  const post = find(root, (n) => attrs(n).id === postId);
  const host = post && find(post, (n) => attrs(n)['data-leaklens'] === 'card');
  assert.ok(host, `a card in #${postId}`);
  const out = [];
  const walk = (n) => {
    if (n.nodeType === 3) out.push(n.nodeValue);
    out.push(...Object.values(attrs(n)));
    kids(n).forEach(walk);
  };
  walk(host);
  return out.join('\n');
}

test('a post that pastes identifiers: its card warns and repeats none of them', async () => {
  const page = await open('https://x.com/reporter/status/1668000000000000001');
  await page.locator('#quote [data-leaklens="card"]').waitFor();
  const raw = ['2345 6789 0124', '234567890124', '98765 43210', '9876543210', 'ABCPE1234F', 'ravi.k@example.in'];
  await page.evaluate(() => {
    const article = document.createElement('article');
    article.dataset.testid = 'tweet';
    article.id = 'pasted';
    const text = document.createElement('div');
    text.dataset.testid = 'tweetText';
    text.textContent = 'CoWIN data LEAKED. Bot reply for my MLA: Aadhaar 2345 6789 0124, mobile +91 98765 43210, ' +
      'PAN ABCPE1234F, email ravi.k@example.in';
    article.append(text);
    document.querySelector('main').append(article);
  });
  const card = page.locator('#pasted [data-leaklens="card"]');
  await card.waitFor();
  const collapsed = (await card.boundingBox()).height;
  await card.click({ position: { x: 20, y: 10 } }); // the badge: expand the full card
  await page.waitForFunction((h) => document.querySelector('#pasted [data-leaklens="card"]').getBoundingClientRect().height > h + 50, collapsed);
  const contents = await cardContents(page, 'pasted');
  assert.match(contents, /This post shows what look like 1 Aadhaar number, 1 PAN, 1 phone number and 1 e-mail address/);
  assert.match(contents, /XXXX XXXX 0124/, 'the "why this card" list names the identifier masked');
  for (const r of raw) assert.ok(!contents.includes(r), `${r} in the card: ${contents}`);
  await page.close();
});

test('turning LeakLens off for the site removes the cards', async () => {
  const page = await open('https://x.com/reporter/status/1668000000000000001');
  await page.locator('#quote [data-leaklens="card"]').waitFor();
  await browser.worker.evaluate(() => chrome.storage.sync.set({ disabledSites: ['x.com'] }));
  await page.waitForFunction(() => document.querySelectorAll('[data-leaklens="card"]').length === 0);
  await browser.worker.evaluate(() => chrome.storage.sync.set({ disabledSites: [] }));
  await page.locator('#quote [data-leaklens="card"]').waitFor();
  await page.close();
});

test('the toolbar check pins a card above the seed article', async () => {
  const seed = readFileSync('tests/fixtures/seed-style-hi.txt', 'utf8');
  const paragraphs = seed.split('\n').map((l) => l.trim()).filter(Boolean);
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>News</title></head>
    <body><header><nav>Home · Tech · Business</nav></header><main><article>
    <h1>${escape(paragraphs[1])}</h1>${paragraphs.slice(2).map((p) => `<p>${escape(p)}</p>`).join('')}
    </article></main><footer>© News</footer></body></html>`;
  await serveFixture(browser.context, 'https://x.com/i/article/seed', html, { csp: STRICT_CSP, inline: true });
  const page = await open('https://x.com/i/article/seed');
  // the popup's "Check this page" and the toolbar run this same background function
  const answer = await browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://x.com/i/article/seed' });
    return globalThis.LeakLensBackground.checkTab(tab.id);
  });
  assert.equal(answer.claim, true, JSON.stringify(answer));
  assert.deepEqual(answer.systems, ['cowin']);
  const pinned = page.locator('[data-leaklens-pinned]');
  await pinned.waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('[data-leaklens-pinned]').nextElementSibling?.tagName), 'ARTICLE');
  const card = pinned.locator('[data-leaklens="card"]');
  assert.equal(await card.getAttribute('data-systems'), 'cowin');
  assert.match(await pinned.locator('p[role="status"]').textContent(), /कोविन|CoWIN/);
  await page.screenshot({ path: artifact('article-seed.png') });
  await page.close();
});

for (const theme of ['light', 'dark']) {
  test(`screenshot of an expanded card on a ${theme} page`, async () => {
    const bg = theme === 'dark' ? 'background:#000;color:#e7e9ea' : 'background:#fff;color:#0f1419';
    const html = readFileSync('tests/fixtures/x-feed.html', 'utf8').replace('<body>', `<body style="${bg};font:15px system-ui">`);
    await serveFixture(browser.context, `https://x.com/${theme}`, html, { csp: STRICT_CSP, inline: true });
    const page = await open(`https://x.com/${theme}`);
    await page.setViewportSize({ width: VIEWPORT?.width ?? 700, height: 900 });
    const card = page.locator('#post-leak-en [data-leaklens="card"]');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-theme'), theme);
    await card.click({ position: { x: 20, y: 10 } });
    await page.waitForTimeout(200);
    await page.locator('#post-leak-en').screenshot({ path: artifact(`card-${theme}.png`) });
    await page.close();
  });
}

test('options: sensitivity, languages and card language are saved in storage.sync; reset', async () => {
  const page = await browser.openExtensionPage('options/options.html');
  await page.check('input[name="sensitivity"][value="low"]');
  await page.check('#languages input[value="hi"]');
  await page.selectOption('#lang', 'hi');
  await page.locator('#saved', { hasText: /\S/ }).waitFor();
  const stored = () => browser.worker.evaluate(() => chrome.storage.sync.get(null));
  let s = await stored();
  assert.equal(s.sensitivity, 'low');
  assert.deepEqual(s.languages, ['hi']);
  assert.equal(s.cardLang, 'hi');
  // a Hindi-only setting hides cards on English posts
  const feed = await open('https://x.com/reporter/status/1668000000000000001');
  await feed.locator('#quote-text[data-leaklens="clean"]').waitFor();
  assert.equal(await feed.locator('#quote [data-leaklens="card"]').count(), 0);
  await page.click('#reset');
  await page.waitForFunction(() => document.querySelector('input[name="sensitivity"][value="normal"]').checked);
  s = await stored();
  assert.equal(s.sensitivity, 'normal');
  assert.deepEqual(s.languages, []);
  assert.equal(s.cardLang, 'auto');
  await feed.locator('#quote [data-leaklens="card"]').waitFor();
  await feed.close();
  await page.close();
});
