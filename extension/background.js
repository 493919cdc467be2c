// LeakLens background: the only place the WASM core runs (a page's CSP can forbid WebAssembly
// in content scripts, never in the extension's own context). Content scripts ask it by message.
import init, { checkBatch, warm } from './core/leaklens.js';

const ready = init({ module_or_path: new URL('./core/leaklens_bg.wasm', import.meta.url) })
  .then(() => warm());

const MAX_BATCH = 200;

function post(p) {
  if (typeof p === 'string') return { text: p };
  return { text: String(p?.text ?? ''), date: p?.date ? String(p.date) : undefined };
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'leaklens:check') return false;
  const posts = Array.isArray(message.posts) ? message.posts.slice(0, MAX_BATCH).map(post) : [];
  const lang = message.lang === 'en' || message.lang === 'hi' ? message.lang : undefined;
  ready
    .then(() => sendResponse({ results: checkBatch(posts, lang) }))
    .catch((error) => sendResponse({ error: String(error) }));
  return true; // the answer comes asynchronously
});
