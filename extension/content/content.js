// LeakLens content script, the shared observer for every site: finds post texts (where, and how
// to read them, comes from the site's adapter in extension/sites/), asks the background core
// about them in batches, and shows a card under each post that alleges a leak.
// - The MutationObserver reads and sends new posts in a short time-boxed slice, so that the core
//   checks them while the browser lays them out; the rest happens later in time-boxed slices.
// - Cards are built off the page and put in together, so the page is laid out once for them.
// - Results are cached by post id and text, so a recycled cell gets its own card, not the old
//   one, and a post seen again is not checked again. The whole document is never rescanned.
(() => {
  // the background injects this file into open tabs when a site is turned on; once is enough
  if (globalThis.LeakLensObserver) return;
  const A = globalThis.LeakLensSites.forHost(location.hostname);
  if (!A) return;
  globalThis.LeakLensObserver = A.id;
  const Card = globalThis.LeakLensCard;
  const Settings = globalThis.LeakLensSettings;
  // Work is time-boxed well under the 50 ms of a long task. The observer's slice (reading and
  // sending new posts) runs at the end of the page's task that added them, before the browser
  // lays them out: reading 1000 posts takes 10-20 ms, and whatever is left waits for that
  // layout (200 ms for 1000 posts) and then for the core. A few posts take well under 1 ms.
  const SLICE_MS = 12;
  const MUTATION_SLICE_MS = 24;
  // the first batch of a slice is small, so that its answer comes back early; the others are
  // larger (the background takes at most 200 posts a message)
  const FIRST_BATCH = 25;
  const FLUSH_WAIT_MS = 50;
  const BATCH = 100;
  const CACHE_MAX = 5000;

  const queue = [];                    // { target, nodes, next } from the observer
  let queueHead = 0;
  const due = new Set();               // post texts to read and look up
  let ready = [];                      // { textEl, post } whose result is in the cache
  let readyHead = 0;
  let pending = [];                    // { textEl, post, host } prepared, not in the page yet
  let pendingSince = 0;
  let flushTimer = 0;
  let keys = new WeakMap();            // post text -> key of its text when last read
  const cache = new Map();             // key -> result (oldest first)
  let shown = new WeakMap();           // post text -> { key, host }
  const dismissed = new Set();         // keys the reader dismissed
  const inFlight = new Set();          // keys sent to the core, not answered yet
  let waiting = new Map();             // key -> [{ textEl, post }] whose result is on its way
  const stats = { checked: 0, busyMs: 0, longestSliceMs: 0, batches: 0, firstSend: 0, lastSend: 0, sent: 0,
    observerSlices: [],
    lastReply: 0, lastShow: 0 };
  let settings = Settings.DEFAULTS;
  let active = false;
  let scheduled = false;

  /** A post's key is its id and its whole text (Map and Set hash it natively, which is several
   *  times faster than a hash in JS over a long timeline; the cache holds at most CACHE_MAX).
   *  Null when the adapter finds no post there after all. */
  function keyOf(textEl) {
    const post = A.read(textEl);
    if (!post) return null;
    const { text, id, date, forwarded = false } = post;
    return { key: `${id ?? '-'}:${text}`, text, date, forwarded };
  }

  function cardLang() {
    return settings.cardLang === 'auto' ? undefined : settings.cardLang;
  }

  function schedule() {
    if (scheduled || !active) return;
    scheduled = true;
    setTimeout(work, 0);
  }

  const NO_NODES = Object.freeze([]);
  const isCard = (node) => node.nodeType === Node.ELEMENT_NODE && node.getAttribute('data-leaklens') === 'card';

  /** A changed node (a mutation's target): when it is in a post text, that post text is due;
   *  its added nodes are searched only when it is in no post text and no card. Looked up once
   *  per mutation, not once per added node. */
  function around(target) {
    const el = target.nodeType === Node.ELEMENT_NODE ? target : target.parentElement;
    if (!el || el.closest('[data-leaklens="card"]')) return false;
    const owner = el.closest(A.postText);
    if (owner) { due.add(owner); return false; }
    return true;
  }

  /** The post texts in an added node (which is in no post text). */
  function within(node) {
    if (node.nodeType !== Node.ELEMENT_NODE || isCard(node)) return;
    if (node.matches(A.postText)) due.add(node);
    else if (node.firstElementChild) for (const t of node.querySelectorAll(A.postText)) due.add(t);
  }

  /** Read a post text and find its result: in the cache (shown in this slice), on its way, or
   *  added to the batch for the core. */
  function intake(textEl, batch) {
    if (!textEl.isConnected) return;
    const post = keyOf(textEl);
    if (!post) {
      // no post there any more (its text went): its card goes too
      const old = shown.get(textEl);
      if (old) { old.host?.remove(); shown.delete(textEl); delete textEl.dataset.leaklens; }
      return;
    }
    if (shown.get(textEl)?.key === post.key) return;
    keys.set(textEl, post.key);
    if (cache.has(post.key)) { ready.push({ textEl, post }); return; }
    const list = waiting.get(post.key);
    if (!list) waiting.set(post.key, [{ textEl, post }]);
    else if (!list.some((entry) => entry.textEl === textEl)) list.push({ textEl, post });
    if (inFlight.has(post.key)) return;
    inFlight.add(post.key);
    batch.push(post);
  }

  function work() {
    scheduled = false;
    slice(SLICE_MS, true);
  }

  /** Find new post texts, read them and send them to the core (batches go out as soon as they
   *  are full, so that the core works on one while the next is read); then, with `showing`,
   *  show the answered ones. Stops after `budget` ms and schedules the rest. */
  function slice(budget, showing) {
    const t0 = performance.now();
    // the clock is read every 8th step (a step is a few µs); once late, it stays late
    let steps = 0;
    let over = false;
    const late = () => over || ((++steps & 7) === 0 && (over = performance.now() - t0 >= budget));
    while (queueHead < queue.length && !late()) {
      const entry = queue[queueHead];
      if (entry.next === 0 && !around(entry.target)) entry.next = entry.nodes.length;
      while (entry.next < entry.nodes.length && !late()) within(entry.nodes[entry.next++]);
      if (entry.next === entry.nodes.length) queueHead++;
    }
    if (queueHead === queue.length) { queue.length = 0; queueHead = 0; }
    let batch = [];
    let size = FIRST_BATCH;
    for (const textEl of due) {
      if (late()) break;
      due.delete(textEl);
      intake(textEl, batch);
      if (batch.length === size) { send(batch); batch = []; size = BATCH; }
    }
    if (batch.length) send(batch);
    // Cards are built off the page, and go in together when every answered post is prepared and
    // no answer is on its way (or FLUSH_WAIT_MS after the first): the page is laid out once for
    // them, not once per slice or per answer.
    while (showing && readyHead < ready.length && !late()) {
      const { textEl, post } = ready[readyHead++];
      if (!current(textEl, post)) continue;
      const result = cache.get(post.key);
      if (!result) { due.add(textEl); continue; }
      pendingSince ||= t0;
      pending.push({ textEl, post, host: prepare(post, result) });
    }
    const drained = readyHead === ready.length;
    if (drained) { ready = []; readyHead = 0; }
    if (showing && pending.length) {
      const waited = t0 - pendingSince;
      if ((drained && inFlight.size === 0) || waited >= FLUSH_WAIT_MS) flush();
      else if (drained && !flushTimer) {
        // the answers on their way call schedule(); this is the latest the cards go in
        flushTimer = setTimeout(() => { flushTimer = 0; schedule(); }, FLUSH_WAIT_MS - waited);
      }
    }
    const spent = performance.now() - t0;
    stats.busyMs += spent;
    stats.longestSliceMs = Math.max(stats.longestSliceMs, spent);
    // the observer's slices (the first few): when, how long, posts sent by then
    if (!showing && stats.observerSlices.length < 20) stats.observerSlices.push([t0, spent, stats.sent]);
    if (queueHead < queue.length || due.size || readyHead < ready.length) schedule();
  }

  // The checks go over one long-lived port to the background: a message each costs the page
  // several times more (a channel opened and closed per batch). The port closes when the
  // background stops (idle, or updated); a request it did not answer is asked again, once, on
  // a new port. The page closes it after a while without requests, so that an idle page keeps
  // no background awake.
  const PORT_IDLE_MS = 20_000;
  let port = null;
  let portIdle = 0;
  let nextRequest = 1;
  const requests = new Map();          // request id -> { lang, posts, resolve, retried, port }
  function connect() {
    const p = chrome.runtime.connect({ name: 'leaklens:check' });
    p.onMessage.addListener((answer) => {
      const request = requests.get(answer?.id);
      if (!request) return;
      requests.delete(answer.id);
      request.resolve(answer);
      if (requests.size === 0) {
        clearTimeout(portIdle);
        portIdle = setTimeout(() => {
          if (requests.size || port !== p) return;
          port = null;
          p.disconnect();
        }, PORT_IDLE_MS);
      }
    });
    p.onDisconnect.addListener(() => {
      void chrome.runtime.lastError;
      if (port === p) port = null;
      const unanswered = [...requests].filter(([, r]) => r.port === p);
      for (const [id, request] of unanswered) {
        requests.delete(id);
        if (request.retried) request.resolve({ error: 'the background closed the connection' });
        else { request.retried = true; ask(request); }
      }
    });
    return p;
  }
  function ask(request) {
    for (let attempt = 0; ; attempt++) {
      try {
        port ??= connect();
        const id = nextRequest++;
        port.postMessage({ type: 'leaklens:check', id, lang: request.lang, posts: request.posts });
        requests.set(id, Object.assign(request, { port }));
        return;
      } catch (error) {
        // a port that closed before it said so gets a new one; when none can be opened, the
        // extension was updated or removed and this page's script is cut off from it
        port = null;
        if (attempt > 0) { request.resolve({ error: String(error) }); return; }
      }
    }
  }
  const check = (lang, posts) => new Promise((resolve) => ask({ lang, posts, resolve, retried: false }));

  async function send(batch) {
    stats.batches++;
    stats.sent += batch.length;
    stats.firstSend ||= performance.now();
    stats.lastSend = performance.now();
    const reply = await check(cardLang(), batch.map(({ text, date }) => ({ text, date: date ?? undefined })));
    stats.lastReply = performance.now();
    batch.forEach((post, i) => {
      inFlight.delete(post.key);
      const result = reply?.results?.[i];
      // without a result the posts waiting for it stay unannotated until they change
      if (!result) { waiting.delete(post.key); return; }
      stats.checked++;
      cache.set(post.key, result);
      if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value);
      const list = waiting.get(post.key);
      if (!list) return;
      waiting.delete(post.key);
      // hand the answered posts back to the slicer, which shows them
      for (const entry of list) ready.push(entry);
    });
    if (reply?.error) console.warn('LeakLens: the core did not answer:', reply.error);
    schedule();
  }

  /** Whether a post text still holds the text read as `post` and is not shown yet. */
  function current(textEl, post) {
    return textEl.isConnected && keys.get(textEl) === post.key && shown.get(textEl)?.key !== post.key;
  }

  /** The card host for a result, or null when the post gets none. */
  function prepare({ key, text, date, forwarded }, result) {
    if (!Settings.wants(settings, result) || dismissed.has(key)) return null;
    // what the report dialog adds to the post: set when the full card arrives
    const report = { text, url: location.href };
    return Card.create(result, {
      note: forwarded ? (chrome.i18n.getMessage('cardForwarded') || 'Forwarded message') : undefined,
      onDismiss: (h) => { dismissed.add(key); h.remove(); announce(); },
      loadView: async () => {
        const answer = await chrome.runtime.sendMessage({
          type: 'leaklens:card', lang: cardLang(), post: { text, date: date ?? undefined },
        });
        Object.assign(report, { knowledge: answer?.knowledge, version: answer?.version, homepage: answer?.homepage });
        return { view: answer?.result?.view, words: answer?.words, result: answer?.result };
      },
      // the incident of a card the reader opened is remembered, for status-change notices
      onOpen: (full) => chrome.runtime.sendMessage({
        type: 'leaklens:opened', incident: full?.card?.incident?.id ?? full?.incident,
        status: full?.card?.status?.id ?? full?.status?.id, lang: full?.card?.language ?? full?.card_language,
      }).catch(() => {}),
      report,
    });
  }

  // Screen readers hear how many cards the page has, politely, without the focus moving: one
  // visually hidden live region for the page (not one per card, which would talk over the feed).
  let live = null;
  let announced = -1;
  let announceTimer = 0;
  function announce() {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      const count = document.querySelectorAll('[data-leaklens="card"]').length;
      chrome.runtime.sendMessage({ type: 'leaklens:cards', count }).catch(() => {});
      if (count === announced) return;
      announced = count;
      if (!live) {
        live = document.createElement('div');
        live.dataset.leaklensLive = '';
        live.setAttribute('role', 'status');
        live.setAttribute('aria-live', 'polite');
        live.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);' +
          'clip-path:inset(50%);white-space:nowrap;margin:-1px;padding:0;border:0;';
      }
      if (!live.isConnected) document.body.append(live);
      live.textContent = count ? chrome.i18n.getMessage('cardsAnnounce', [String(count)]) : '';
    }, 500);
  }

  /** Put the prepared cards in the page and mark their posts. */
  function flush() {
    for (const { textEl, post, host } of pending) {
      // the text changed while its card was prepared: it is read again
      if (!current(textEl, post)) continue;
      shown.get(textEl)?.host?.remove();
      if (host) A.place(textEl, host);
      textEl.dataset.leaklens = host ? 'claim' : 'clean';
      shown.set(textEl, { key: post.key, host });
    }
    pending = [];
    pendingSince = 0;
    stats.lastShow = performance.now();
    announce();
  }

  function clearAll() {
    for (const host of document.querySelectorAll('[data-leaklens="card"]')) host.remove();
    for (const el of document.querySelectorAll('[data-leaklens]')) delete el.dataset.leaklens;
    queue.length = 0; queueHead = 0; due.clear(); waiting = new Map();
    ready = []; readyHead = 0; pending = []; pendingSince = 0;
    shown = new WeakMap(); keys = new WeakMap();
    announce();
  }

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') queue.push({ target: r.target, nodes: NO_NODES, next: 0 });
      else if (r.addedNodes.length) {
        // a card of ours under a post is no change to the post
        if (r.addedNodes.length === 1 && isCard(r.addedNodes[0])) continue;
        queue.push({ target: r.target, nodes: r.addedNodes, next: 0 });
      }
    }
    // New posts are read and sent at once, not in a later task: when many arrive together the
    // browser's next task is usually laying them out (200 ms for 1000 posts), and the core
    // checks them meanwhile. Showing the answers waits for the slices.
    if (active && queueHead < queue.length) slice(MUTATION_SLICE_MS, false);
  });

  let snoozeTimer = 0;
  async function apply() {
    const before = { lang: settings.cardLang, sensitivity: settings.sensitivity, languages: String(settings.languages) };
    settings = await Settings.load();
    const wasActive = active;
    active = Settings.activeOn(settings, location.hostname) && Settings.siteOn(settings, A.id, location.hostname);
    // a snooze ends by itself at midnight: look again then
    clearTimeout(snoozeTimer);
    if (Settings.snoozed(settings)) {
      snoozeTimer = setTimeout(apply, Math.min(settings.snoozedUntil - Date.now() + 50, 2 ** 31 - 1));
    }
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
      queue.push({ target: document.body, nodes: [document.body], next: 0 });
      schedule();
      // what every card shares is built while the page is idle, not with the first cards
      (globalThis.requestIdleCallback ?? setTimeout)(() => Card.warm());
    }
  }

  chrome.storage.onChanged.addListener((_, area) => area === 'sync' && apply());
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || message?.type !== 'leaklens:stats') return false;
    sendResponse({
      active,
      site: A.id,
      cards: document.querySelectorAll('[data-leaklens="card"]').length,
      ...stats,
    });
    return false;
  });
  apply();
})();
