// LeakLens background: the only place the WASM core runs (a page's CSP can forbid WebAssembly
// in content scripts, never in the extension's own context). Content scripts, the popup and the
// context menu ask it by message. It makes no network requests.
import init, { check as checkOne, checkBatch, warm, cardWords, incidentStatus, knowledgeVersion,
  loadLanguage, languageLoaded, statusLabel } from './core/leaklens.js';
import { syncSites } from './sites/register.js';

// start-up timings (ms since the worker started), read by the benchmark: the script running,
// the WASM's response, compiled (streaming, while it downloads), instantiated, and the
// vocabulary decoded and indexed (ready to answer); and the first checks: [asked, answered]
const timings = {
  scriptStart: performance.now(), fetched: null, compiled: null, instantiated: null, ready: null, checkMs: 0, checked: 0,
  answers: [],
};
async function start() {
  const response = await fetch(new URL('./core/leaklens_bg.wasm', import.meta.url));
  timings.fetched = performance.now();
  // streaming compilation needs the WASM MIME type, which not every browser gives extension files
  const module = response.headers.get('content-type') === 'application/wasm'
    ? await WebAssembly.compileStreaming(response)
    : await WebAssembly.compile(await response.arrayBuffer());
  timings.compiled = performance.now();
  await init({ module_or_path: module });
  timings.instantiated = performance.now();
  warm();
  timings.ready = performance.now();
}
const ready = start();

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

// the card languages; English and Hindi are built into the core, the others are loaded from
// card-text/LANG.packed (data/card-text/LANG.json packed at build time) in the extension
// package the first time a card needs one
const CARD_LANGUAGES = new Set(['en', 'hi', 'hi-Latn', 'bn', 'ta', 'te', 'ml', 'mr', 'gu', 'kn', 'pa', 'or', 'ur']);
const cardLanguage = (lang) => (CARD_LANGUAGES.has(lang) ? lang : undefined);

async function cardLang() {
  const { cardLang } = await chrome.storage.sync.get('cardLang');
  return cardLanguage(cardLang);
}

const loading = new Map();
/** Load the card strings of the languages in `langs` that are not there yet (from the
 *  extension's own files; no network). A language that fails to load falls back to English. */
function loadLanguages(langs) {
  return Promise.all([...new Set(langs)].filter((l) => l && !languageLoaded(l)).map((lang) => {
    if (!loading.has(lang)) {
      loading.set(lang, fetch(new URL(`./card-text/${lang}.packed`, import.meta.url))
        .then((r) => r.text())
        .then((packed) => loadLanguage(lang, packed))
        .catch((e) => console.warn('LeakLens: card strings', lang, e)));
    }
    return loading.get(lang);
  }));
}

async function check(posts, lang) {
  await ready;
  const t0 = performance.now();
  const batch = posts.slice(0, MAX_BATCH).map(post);
  let results = checkBatch(batch, lang);
  // claims whose card language was not loaded yet (their strings fell back to English): load
  // it and check those posts again
  const again = results.flatMap((r, i) => (r.is_claim && !languageLoaded(r.card_language) ? [i] : []));
  if (again.length) {
    await loadLanguages(again.map((i) => results[i].card_language));
    const redone = checkBatch(again.map((i) => batch[i]), lang);
    results = results.slice();
    again.forEach((i, k) => { results[i] = redone[k]; });
  }
  timings.checkMs += performance.now() - t0;
  timings.checked += results.length;
  return results;
}

/** The full card of one text, with its language's strings loaded. */
async function checkFull(text, options) {
  await ready;
  let result = checkOne(text, options);
  if (result.card && !languageLoaded(result.card.language)) {
    await loadLanguages([result.card.language]);
    result = checkOne(text, options);
  }
  return result;
}

/** The card's words in a language, as an object (the core gives [key, word, …]). */
function wordsOf(lang) {
  const flat = cardWords(lang);
  const words = {};
  for (let i = 0; i + 1 < flat.length; i += 2) words[flat[i]] = flat[i + 1];
  return words;
}

/** An incident's status now: {status, label, title}, or null for an unknown incident. */
function incidentNow(id, lang) {
  const [status, label, title] = incidentStatus(id, lang);
  return status ? { status, label, title } : null;
}

/** What the card's report dialog needs besides the result. */
function reportContext(result) {
  const manifest = chrome.runtime.getManifest();
  return {
    words: wordsOf(result.card?.language ?? 'en'),
    knowledge: knowledgeVersion(),
    version: manifest.version,
    homepage: manifest.homepage_url ?? null,
  };
}

/** Check the article in a tab and pin the card above it (toolbar button, context menu). */
async function checkTab(tabId, selection) {
  const target = { tabId };
  await chrome.scripting.executeScript({ target, files: ['content/card-style.js', 'shared/report.js', 'content/card.js', 'content/article.js'] });
  const [{ result: page }] = await chrome.scripting.executeScript({
    target,
    func: () => globalThis.LeakLensArticle.extract(),
  });
  const text = selection ?? page.text;
  const result = await checkFull(text, { date: page.date, url: page.url, lang: await cardLang() });
  const what = chrome.i18n.getMessage(selection ? 'whatSelection' : 'whatPage');
  const [{ result: pinned }] = await chrome.scripting.executeScript({
    target,
    func: (r, w, c) => globalThis.LeakLensArticle.pin(r, w, c),
    args: [result, what, { ...reportContext(result), text, url: page.url }],
  });
  return { ...pinned, systems: result.systems, status: result.card?.status?.id ?? null };
}
// ---- status changes: the incidents of the cards a reader opened, remembered locally
// (storage.local `seenIncidents`: {id: {status, lang}}); when the knowledge gives one of them
// another status, a notice (storage.local `statusNotices`) and the toolbar badge tell it once.

/** Remember the incident of a card the reader opened, with the status it showed. */
async function rememberOpened(incident, status, lang) {
  if (typeof incident !== 'string' || typeof status !== 'string') return;
  const { seenIncidents = {} } = await chrome.storage.local.get('seenIncidents');
  if (seenIncidents[incident]?.status === status) return;
  seenIncidents[incident] = { status, lang: cardLanguage(lang) ?? 'en' };
  await chrome.storage.local.set({ seenIncidents });
}

/** Compare the remembered incidents with the knowledge this core carries; notices for those
 *  whose status changed, which are then remembered with the new status (told once). */
async function checkStatusChanges(today = new Date().toISOString().slice(0, 10)) {
  await ready;
  const { seenIncidents = {}, statusNotices = [] } = await chrome.storage.local.get(['seenIncidents', 'statusNotices']);
  await loadLanguages(Object.values(seenIncidents).map((s) => s.lang));
  let changed = false;
  for (const [id, seen] of Object.entries(seenIncidents)) {
    const now = incidentNow(id, seen.lang);
    if (!now || now.status === seen.status) continue;
    statusNotices.push({ incident: id, title: now.title, from: seen.status, fromLabel: statusLabel(seen.status, seen.lang),
      to: now.status, toLabel: now.label, date: today });
    seenIncidents[id] = { ...seen, status: now.status };
    changed = true;
  }
  if (changed) await chrome.storage.local.set({ seenIncidents, statusNotices });
  await showBadge(statusNotices.length);
  return statusNotices;
}

async function showBadge(count) {
  await chrome.action.setBadgeText({ text: count ? String(count) : '' });
  if (count) await chrome.action.setBadgeBackgroundColor({ color: '#8a5a00' });
}

/** The popup has shown the notices: they are told, the badge goes. */
async function noticesRead() {
  await chrome.storage.local.set({ statusNotices: [] });
  await showBadge(0);
}

/** Forget every remembered incident and notice (options). */
async function forget() {
  await chrome.storage.local.remove(['seenIncidents', 'statusNotices']);
  await showBadge(0);
}

// ---- the toolbar icon: neutral on a page without cards, the amber lens when it has some
const ICONS = {
  neutral: { 16: 'icons/neutral-16.png', 48: 'icons/neutral-48.png' },
  cards: { 16: 'icons/16.png', 48: 'icons/48.png' },
};
function showCards(tabId, count) {
  return chrome.action.setIcon({ tabId, path: count > 0 ? ICONS.cards : ICONS.neutral }).catch(() => {});
}

/** At the worker's start (it starts again whenever the browser stopped it while idle): the
 *  statuses can change only with the knowledge this core carries, so they are compared again
 *  only when it differs from the one last compared with (an update); the badge is shown
 *  either way. Loading the knowledge at every start would delay the first answer. */
async function statusChangesAtStart() {
  await ready;
  const version = knowledgeVersion();
  const { statusCheckedWith, statusNotices = [] } = await chrome.storage.local.get(['statusCheckedWith', 'statusNotices']);
  if (statusCheckedWith === version) return showBadge(statusNotices.length);
  await checkStatusChanges();
  await chrome.storage.local.set({ statusCheckedWith: version });
}

globalThis.LeakLensBackground = Object.freeze({ checkTab, timings, checkStatusChanges, forget, syncSites });
statusChangesAtStart().catch((e) => console.warn('LeakLens: status changes', e));

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

/** A feed's check request: `{results}` in the order of `posts`. */
function answerCheck(message) {
  const asked = performance.now();
  return check(message.posts, cardLanguage(message.lang)).then((results) => {
    if (timings.answers.length < 4) timings.answers.push([asked, performance.now()]);
    return { results };
  });
}

// Feeds ask over a long-lived port (content/content.js): `{id, posts, lang}` → `{id, results}`.
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'leaklens:check' || port.sender?.id !== chrome.runtime.id) return;
  port.onMessage.addListener((message) => {
    if (message?.type !== 'leaklens:check' || !Array.isArray(message.posts)) return;
    answerCheck(message)
      .catch((error) => ({ error: String(error) }))
      .then((answer) => {
        try {
          port.postMessage({ id: message.id, ...answer });
        } catch {
          // the page went away meanwhile
        }
      });
  });
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  let answer;
  if (message?.type === 'leaklens:check' && Array.isArray(message.posts)) {
    answer = answerCheck(message);
  } else if (message?.type === 'leaklens:card' && message.post) {
    const lang = cardLanguage(message.lang);
    answer = checkFull(post(message.post).text, { ...post(message.post), lang })
      .then((result) => ({ result, ...reportContext(result) }));
  } else if (message?.type === 'leaklens:opened') {
    answer = rememberOpened(message.incident, message.status, message.lang).then(() => ({ ok: true }));
  } else if (message?.type === 'leaklens:cards' && sender.tab?.id !== undefined) {
    answer = showCards(sender.tab.id, Number(message.count) || 0).then(() => ({ ok: true }));
  } else if (message?.type === 'leaklens:notices') {
    answer = chrome.storage.local.get('statusNotices').then(({ statusNotices = [] }) => ({ notices: statusNotices }));
  } else if (message?.type === 'leaklens:notices-read') {
    answer = noticesRead().then(() => ({ ok: true }));
  } else if (message?.type === 'leaklens:forget') {
    answer = forget().then(() => ({ ok: true }));
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
