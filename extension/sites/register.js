// Background side of the opt-in sites: registers a content script for each site the reader
// turned on (and for the news sites whose articles are checked), once its host permission is
// granted, and injects it into the tabs already open there. Runs when the settings or the
// granted permissions change, and at browser start (Firefox may not keep registrations).
import './catalog.js';

const Catalog = globalThis.LeakLensCatalog;
// the same files, in the same order, as X's content script in the manifest
const files = (adapter) => ['shared/settings.js', 'sites/site.js', adapter, 'content/card-style.js',
  'shared/report.js', 'content/card.js', 'content/content.js'];

/** The content scripts the settings and the granted permissions call for. */
async function wanted() {
  const { sites = {}, articleSites = [] } = await chrome.storage.sync.get(['sites', 'articleSites']);
  const out = [];
  for (const site of Catalog.sites) {
    if (sites[site.id] !== true || !(await chrome.permissions.contains({ origins: site.matches }))) continue;
    out.push({ id: `leaklens-${site.id}`, matches: [...site.matches], js: files(site.script) });
  }
  const news = [];
  for (const pattern of articleSites) {
    if (await chrome.permissions.contains({ origins: [pattern] })) news.push(pattern);
  }
  if (news.length) out.push({ id: 'leaklens-news', matches: news, js: files('sites/news.js') });
  return out;
}

const same = (a, b) => JSON.stringify([...a.matches].sort()) === JSON.stringify([...b.matches].sort()) &&
  JSON.stringify(a.js) === JSON.stringify(b.js);

async function sync() {
  const want = await wanted();
  const have = (await chrome.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith('leaklens-'));
  const drop = have.filter((h) => !want.some((w) => w.id === h.id && same(w, h)));
  if (drop.length) await chrome.scripting.unregisterContentScripts({ ids: drop.map((d) => d.id) });
  const add = want.filter((w) => !have.some((h) => h.id === w.id && same(w, h)));
  if (add.length) {
    await chrome.scripting.registerContentScripts(add.map((w) => ({ ...w, runAt: 'document_idle', persistAcrossSessions: true })));
  }
  // the pages already open get the scripts now (content.js runs once per page)
  for (const w of add) {
    for (const tab of await chrome.tabs.query({ url: w.matches })) {
      chrome.scripting.executeScript({ target: { tabId: tab.id }, files: w.js }).catch(() => {});
    }
  }
  return want.map((w) => w.id);
}

let chain = Promise.resolve([]);
/** Bring the registered content scripts in line with the settings (one run at a time). */
export function syncSites() {
  chain = chain.catch(() => {}).then(sync);
  return chain;
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && ('sites' in changes || 'articleSites' in changes)) syncSites();
});
chrome.permissions.onAdded.addListener(() => syncSites());
chrome.permissions.onRemoved.addListener(() => syncSites());
chrome.runtime.onStartup.addListener(() => syncSites());
chrome.runtime.onInstalled.addListener(() => syncSites());
