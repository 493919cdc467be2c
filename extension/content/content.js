// LeakLens content script on X/Twitter: finds post texts, asks the background core about them
// in batches, and shows a card under each post that alleges a leak.
// - The MutationObserver only queues nodes; the work happens later in time-boxed slices.
// - Results are cached by post id and text, so a recycled cell gets its own card, not the old
//   one, and a post seen again is not checked again. The whole document is never rescanned.
(() => {
  const S = globalThis.LeakLensSelectors;
  const Card = globalThis.LeakLensCard;
  const Settings = globalThis.LeakLensSettings;
  const SLICE_MS = 6;
  const BATCH = 100;
  const CACHE_MAX = 5000;

  const queue = [];
  let queueHead = 0;
  const due = new Set();               // post texts waiting for a result
  const cache = new Map();             // key -> result (oldest first)
  let shown = new WeakMap();           // post text -> { key, host }
  const dismissed = new Set();         // keys the reader dismissed
  const inFlight = new Set();          // keys sent to the core, not answered yet
  const waiting = new Set();           // post texts whose result is on its way
  const stats = { checked: 0, busyMs: 0, longestSliceMs: 0, batches: 0, firstSend: 0, lastReply: 0, lastShow: 0 };
  let settings = Settings.DEFAULTS;
  let active = false;
  let scheduled = false;

  function hash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h >>> 0).toString(36);
  }

  function keyOf(textEl) {
    const text = textEl.textContent;
    const { id, date } = S.postInfo(textEl);
    return { key: `${id ?? '-'}:${text.length}:${hash(text)}`, text, date };
  }

  function cardLang() {
    return settings.cardLang === 'auto' ? undefined : settings.cardLang;
  }

  function schedule() {
    if (scheduled || !active) return;
    scheduled = true;
    setTimeout(work, 0);
  }

  function collect(node) {
    if (node.nodeType === Node.TEXT_NODE) node = node.parentElement;
    if (!(node instanceof Element) || node.closest('[data-leaklens="card"]')) return;
    const owner = node.closest(S.postText);
    if (owner) { due.add(owner); return; }
    if (node.matches(S.postText)) due.add(node);
    else if (node.firstElementChild) for (const t of node.querySelectorAll(S.postText)) due.add(t);
  }

  function work() {
    scheduled = false;
    const t0 = performance.now();
    while (queueHead < queue.length && performance.now() - t0 < SLICE_MS) collect(queue[queueHead++]);
    if (queueHead === queue.length) { queue.length = 0; queueHead = 0; }
    const batches = [[]];
    for (const textEl of due) {
      if (performance.now() - t0 >= SLICE_MS) break;
      due.delete(textEl);
      if (!textEl.isConnected) continue;
      const post = keyOf(textEl);
      if (shown.get(textEl)?.key === post.key) continue;
      textEl.dataset.leaklensKey = post.key;
      const cached = cache.get(post.key);
      if (cached) {
        show(textEl, post, cached);
        continue;
      }
      waiting.add(textEl);
      if (inFlight.has(post.key)) continue;
      inFlight.add(post.key);
      if (batches.at(-1).length === BATCH) batches.push([]);
      batches.at(-1).push(post);
    }
    for (const batch of batches) if (batch.length) send(batch);
    const spent = performance.now() - t0;
    stats.busyMs += spent;
    stats.longestSliceMs = Math.max(stats.longestSliceMs, spent);
    if (queueHead < queue.length || due.size) schedule();
  }

  async function send(batch) {
    stats.batches++;
    stats.firstSend ||= performance.now();
    const lang = cardLang();
    let reply;
    try {
      reply = await chrome.runtime.sendMessage({
        type: 'leaklens:check',
        lang,
        posts: batch.map(({ text, date }) => ({ text, date: date ?? undefined })),
      });
    } catch (error) {
      reply = { error: String(error) };
    }
    stats.lastReply = performance.now();
    batch.forEach((post, i) => {
      inFlight.delete(post.key);
      const result = reply?.results?.[i];
      if (!result) return;
      stats.checked++;
      cache.set(post.key, result);
      if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value);
    });
    if (reply?.error) console.warn('LeakLens: the core did not answer:', reply.error);
    // hand the answered posts back to the slicer, which shows them from the cache
    for (const textEl of waiting) {
      if (cache.has(textEl.dataset.leaklensKey)) { waiting.delete(textEl); due.add(textEl); }
    }
    schedule();
  }

  function show(textEl, { key, text, date }, result) {
    const previous = shown.get(textEl);
    previous?.host?.remove();
    let host = null;
    if (Settings.wants(settings, result) && !dismissed.has(key)) {
      host = Card.create(result, {
        onDismiss: (h) => { dismissed.add(key); h.remove(); },
        loadView: async () => (await chrome.runtime.sendMessage({
          type: 'leaklens:card', lang: cardLang(), post: { text, date: date ?? undefined },
        }))?.result?.view,
      });
      textEl.after(host);
      textEl.dataset.leaklens = 'claim';
    } else {
      textEl.dataset.leaklens = 'clean';
    }
    shown.set(textEl, { key, host });
    stats.lastShow = performance.now();
  }

  function clearAll() {
    for (const host of document.querySelectorAll('[data-leaklens="card"]')) host.remove();
    for (const el of document.querySelectorAll('[data-leaklens]')) delete el.dataset.leaklens;
    queue.length = 0; queueHead = 0; due.clear(); waiting.clear();
    shown = new WeakMap();
  }

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') queue.push(r.target);
      else if (r.addedNodes.length) {
        queue.push(r.target);
        for (const n of r.addedNodes) queue.push(n);
      }
    }
    schedule();
  });

  async function apply() {
    const before = { lang: settings.cardLang, sensitivity: settings.sensitivity, languages: String(settings.languages) };
    settings = await Settings.load();
    const wasActive = active;
    active = Settings.activeOn(settings, location.hostname);
    const changed = before.lang !== settings.cardLang || before.sensitivity !== settings.sensitivity ||
      before.languages !== String(settings.languages);
    if (before.lang !== settings.cardLang) cache.clear();
    if (!active) {
      observer.disconnect();
      clearAll();
      return;
    }
    if (!wasActive || changed) {
      clearAll();
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      queue.push(document.body);
      schedule();
    }
  }

  chrome.storage.onChanged.addListener((_, area) => area === 'sync' && apply());
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || message?.type !== 'leaklens:stats') return false;
    sendResponse({
      active,
      cards: document.querySelectorAll('[data-leaklens="card"]').length,
      ...stats,
    });
    return false;
  });
  apply();
})();
