// The card itself (extension/content/card.js with the core's view tree), in the browser of the
// run: a claim in each of the 13 languages gets status and field lines in its script; "Report
// a wrong card" sends nothing without a click and masks personal data; the card passes axe-core.
// The extension puts the card in a closed shadow root; here, for the test, the root is open so
// the test can read it (the card's code is the extension's own).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchWithExtension, serveFixture, seriousAxeViolations, artifact } from './browser.mjs';
import { initSync, check, cardWords, loadLanguage } from '../../build/core/leaklens.js';

initSync({ module: readFileSync(new URL('../../build/core/leaklens_bg.wasm', import.meta.url)) });

const LANGS = ['en', 'hi', 'hi-Latn', 'bn', 'ta', 'te', 'ml', 'mr', 'gu', 'kn', 'pa', 'or', 'ur'];
const SCRIPT = { en: /\p{Script=Latin}/u, hi: /\p{Script=Devanagari}/u, 'hi-Latn': /\p{Script=Latin}/u,
  bn: /\p{Script=Bengali}/u, ta: /\p{Script=Tamil}/u, te: /\p{Script=Telugu}/u, ml: /\p{Script=Malayalam}/u,
  mr: /\p{Script=Devanagari}/u, gu: /\p{Script=Gujarati}/u, kn: /\p{Script=Kannada}/u,
  pa: /\p{Script=Gurmukhi}/u, or: /\p{Script=Oriya}/u, ur: /\p{Script=Arabic}/u };
for (const lang of LANGS.filter((l) => l !== 'en' && l !== 'hi')) {
  // the strings as the extension ships them (tools/pack.mjs, in the built package)
  loadLanguage(lang, readFileSync(`dist/chrome/card-text/${lang}.packed`, 'utf8'));
}
const words = (lang) => {
  const flat = cardWords(lang);
  return Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]));
};

/** A claim with claimed fields in each language, from the development corpus. */
function claims() {
  return LANGS.map((lang) => {
    const items = readFileSync(`tests/corpus/${lang}.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const item = items.find((i) => i.is_claim && i.fields.length && check(i.text, undefined).card?.fields?.length);
    return { lang, text: item.text, result: check(item.text, { date: '2023-06-12' }) };
  });
}

const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cards</title></head>' +
  '<body style="font:15px system-ui"><main id="feed"></main></body></html>';

let browser;
let page;
const requests = [];
before(async () => {
  browser = await launchWithExtension();
  await serveFixture(browser.context, 'https://x.com/card-component', PAGE, { inline: true });
  page = await browser.context.newPage();
  page.on('request', (r) => requests.push(typeof r.url === 'function' ? r.url() : String(r.url)));
  await page.goto('https://x.com/card-component');
  // the card's scripts, with its shadow roots open for reading, and every way out recorded
  await page.evaluate(() => {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: 'open' }); };
    globalThis.chrome = { i18n: { getMessage: () => '' } };
    globalThis.__out = { opened: [], copied: [] };
    window.open = (url) => { globalThis.__out.opened.push(String(url)); return null; };
    Object.defineProperty(navigator, 'clipboard', { configurable: true,
      value: { writeText: async (t) => { globalThis.__out.copied.push(t); } } });
  });
  for (const file of ['dist/chrome/content/card-style.js', 'extension/shared/report.js', 'extension/content/card.js']) {
    await page.evaluate(`${readFileSync(file, 'utf8')};void 0`);
  }
});
after(async () => {
  await browser?.close();
});

/** Show a card for a result, expanded, with the report dialog's context. */
function show(id, result, lang, report) {
  return page.evaluate(({ id, result, w, report }) => {
    const article = document.createElement('article');
    article.id = id;
    const host = globalThis.LeakLensCard.create(result, { expanded: true, words: w, report });
    article.append(host);
    document.getElementById('feed').append(article);
  }, { id, result, w: words(lang), report });
}

test('a claim in each of the 13 languages gets a card whose status and field lines are in its script', async () => {
  for (const { lang, result } of claims()) {
    await show(`card-${lang}`, result, lang);
    const card = await page.evaluate((id) => {
      const root = document.querySelector(`#${id} [data-leaklens="card"]`).shadowRoot;
      return {
        lang: root.host.lang,
        status: root.querySelector('.ll-status').textContent,
        explanation: root.querySelector('.ll-status-explanation').textContent,
        fields: [...root.querySelectorAll('.ll-fields tr')].map((tr) => tr.textContent),
      };
    }, `card-${lang}`);
    assert.equal(card.lang, lang);
    const inScript = (s) => {
      const letters = s.replace(/LeakLens/g, '').match(/\p{L}/gu) ?? [];
      return letters.filter((c) => SCRIPT[lang].test(c)).length >= letters.length * 0.6;
    };
    assert.ok(inScript(card.status), `${lang}: status ${card.status}`);
    assert.ok(inScript(card.explanation), `${lang}: ${card.explanation}`);
    assert.ok(card.fields.length > 0, lang);
    // a field line: the field's name and whether the system collects it (the notes and
    // sources after them may be in English, marked so)
    for (const line of card.fields) {
      const [name] = line.split(/https?:/);
      assert.ok(SCRIPT[lang].test(name), `${lang}: field line ${line}`);
    }
  }
  await page.locator('#card-ta [data-leaklens="card"]').screenshot({ path: artifact('card-tamil.png') });
});

test('"Report a wrong card": nothing leaves without a click, personal data is masked', async () => {
  const text = 'கோவின் தரவு கசிவு: டெலிகிராமில் பெயர், ஆதார் எண் 2345 6789 0124, மொபைல் 98765 43210 கசிந்தன';
  const result = check(text, { date: '2023-06-12' });
  assert.equal(result.card.language, 'ta');
  // the core's personal-data scanner found both identifiers
  assert.deepEqual(result.personal_data.map((p) => p.kind).sort(), ['aadhaar', 'mobile']);
  const before = requests.length;
  await show('report', result, 'ta', { text, url: 'https://x.com/a/status/1', knowledge: 'kb-test',
    version: '0.1.0', homepage: 'https://tracker.leaklens.test/leaklens' });
  const inRoot = (fn, arg) => page.evaluate(({ fn, arg }) => {
    const root = document.querySelector('#report [data-leaklens="card"]').shadowRoot;
    return new Function('root', 'arg', `return (${fn})(root, arg)`)(root, arg);
  }, { fn: fn.toString(), arg });
  // the dialog opens from the card's button, in the card's language
  const label = await inRoot((root) => { const b = root.querySelector('.report'); b.click(); return b.textContent; });
  assert.equal(label, words('ta').report_button);
  await inRoot((root) => { root.querySelector('input[value="system"]').click(); });
  const preview = await inRoot((root) => root.querySelector('.report-preview').value);
  assert.match(preview, /^Reason: system$/m);
  assert.ok(result.card.incident, 'the June 2023 incident');
  assert.ok(preview.split('\n').includes(`Incident: ${result.card.incident.id}`), preview);
  assert.match(preview, /^Knowledge version: kb-test$/m);
  assert.ok(preview.includes('XXXX XXXX 0124') && !preview.includes('2345 6789'), preview);
  assert.ok(!preview.includes('98765 43210'), preview);
  // nothing has left: no request, no window, no clipboard write
  let out = await page.evaluate(() => globalThis.__out);
  assert.deepEqual(out, { opened: [], copied: [] });
  assert.equal(requests.length, before);
  await page.locator('#report [data-leaklens="card"]').screenshot({ path: artifact('report-dialog.png') });
  // the reader's clicks: copy puts the report on the clipboard; open makes a prefilled issue
  await inRoot((root) => root.querySelector('.report-copy').click());
  await inRoot((root) => root.querySelector('.report-open').click());
  out = await page.evaluate(() => globalThis.__out);
  assert.equal(out.copied.length, 1);
  assert.equal(out.copied[0], preview);
  assert.equal(out.opened.length, 1);
  const issue = new URL(out.opened[0]);
  assert.equal(`${issue.origin}${issue.pathname}`, 'https://tracker.leaklens.test/leaklens/issues/new');
  assert.ok(!issue.searchParams.get('body').includes('2345 6789'));
  assert.equal(requests.length, before, 'the page itself sent nothing');
  // Escape closes the dialog before the card
  await inRoot((root) => root.querySelector('.report-copy').focus());
  await page.keyboard.press('Escape');
  assert.equal(await inRoot((root) => root.querySelector('.report-dialog').hidden), true);
  assert.equal(await inRoot((root) => root.querySelector('#card').hidden), false);
});

test('without a tracker the report can only be copied', async () => {
  const text = 'CoWIN data leaked on Telegram: names and Aadhaar numbers exposed';
  await show('no-tracker', check(text, undefined), 'en', { text, knowledge: 'kb-test', version: '0.1.0' });
  const hidden = await page.evaluate(() => {
    const root = document.querySelector('#no-tracker [data-leaklens="card"]').shadowRoot;
    return root.querySelector('.report-open').hidden;
  });
  assert.equal(hidden, true);
});

test('the cards pass axe-core (serious and critical)', async () => {
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('[data-leaklens="card"]')) {
      host.shadowRoot.querySelector('.report')?.click();
    }
  });
  assert.deepEqual(await seriousAxeViolations(page), []);
});
