// LeakLens background: the only place the WASM core runs (a page's CSP can forbid WebAssembly
// in content scripts, never in the extension's own context). Content scripts, the popup and the
// context menu ask it by message. It makes no network requests.
import init, { check as checkOne, checkBatch, warm } from './core/leaklens.js';
import { syncSites } from './sites/register.js';

// start-up timings (ms since the worker started), read by the benchmark
const timings = { scriptStart: performance.now(), instantiated: null, ready: null, checkMs: 0, checked: 0 };
const ready = init({ module_or_path: new URL('./core/leaklens_bg.wasm', import.meta.url) })
  .then(() => { timings.instantiated = performance.now(); warm(); })
  .then(() => { timings.ready = performance.now(); });

const MAX_BATCH = 200;
const MENU_ID = 'leaklens-check-selection';

function post(p) {
  if (typeof p === 'string') return { text: p };
  return {
    text: String(p?.text ?? ''),
    date: p?.date ? String(p.date) : undefined,
    url: p?.url ? String(p.url) : undefined,
  };
}

async function cardLang() {
  const { cardLang } = await chrome.storage.sync.get('cardLang');
  return cardLang === 'en' || cardLang === 'hi' ? cardLang : undefined;
}

async function check(posts, lang) {
  await ready;
  const t0 = performance.now();
  const results = checkBatch(posts.slice(0, MAX_BATCH).map(post), lang);
  timings.checkMs += performance.now() - t0;
  timings.checked += results.length;
  return results;
}

/** Check the article in a tab and pin the card above it (toolbar button, context menu). */
async function checkTab(tabId, selection) {
  const target = { tabId };
  await chrome.scripting.executeScript({ target, files: ['content/card-style.js', 'content/card.js', 'content/article.js'] });
  const [{ result: page }] = await chrome.scripting.executeScript({
    target,
    func: () => globalThis.LeakLensArticle.extract(),
  });
  const text = selection ?? page.text;
  await ready;
  const result = checkOne(text, { date: page.date, url: page.url, lang: await cardLang() });
  const what = chrome.i18n.getMessage(selection ? 'whatSelection' : 'whatPage');
  const [{ result: pinned }] = await chrome.scripting.executeScript({
    target,
    func: (r, w) => globalThis.LeakLensArticle.pin(r, w),
    args: [result, what],
  });
  return { ...pinned, systems: result.systems, status: result.card?.status?.id ?? null };
}
globalThis.LeakLensBackground = Object.freeze({ checkTab, timings, syncSites });

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({
    id: MENU_ID,
    title: chrome.i18n.getMessage('menuCheckSelection'),
    contexts: ['selection'],
  });
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID && tab?.id !== undefined) {
    checkTab(tab.id, info.selectionText).catch((e) => console.warn('LeakLens:', e));
  }
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  let answer;
  if (message?.type === 'leaklens:check' && Array.isArray(message.posts)) {
    const lang = message.lang === 'en' || message.lang === 'hi' ? message.lang : undefined;
    answer = check(message.posts, lang).then((results) => ({ results }));
  } else if (message?.type === 'leaklens:card' && message.post) {
    const lang = message.lang === 'en' || message.lang === 'hi' ? message.lang : undefined;
    answer = ready.then(() => ({ result: checkOne(post(message.post).text, { ...post(message.post), lang }) }));
  } else if (message?.type === 'leaklens:timings') {
    answer = ready.then(() => ({ ...timings }));
  } else if (message?.type === 'leaklens:check-tab' && Number.isInteger(message.tabId)) {
    answer = checkTab(message.tabId);
  } else {
    return false;
  }
  answer.then(sendResponse, (error) => sendResponse({ error: String(error) }));
  return true; // the answer comes asynchronously
});
