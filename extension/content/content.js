// LeakLens content script: finds post texts, asks the background core about them in batches,
// and marks each post. The MutationObserver only queues; the work happens later in slices.
(() => {
  const S = globalThis.LeakLensSelectors;
  const Card = globalThis.LeakLensCard;
  const BATCH = 50;
  const pending = new Set();
  let scheduled = false;

  function queueWithin(node) {
    if (!(node instanceof Element)) return;
    if (node.matches(S.postText)) pending.add(node);
    for (const t of node.querySelectorAll(S.postText)) pending.add(t);
  }

  function schedule() {
    if (scheduled || pending.size === 0) return;
    scheduled = true;
    setTimeout(flush, 0);
  }

  function postDate(textEl) {
    return textEl.closest(S.post)?.querySelector(S.time)?.getAttribute('datetime') ?? undefined;
  }

  async function flush() {
    scheduled = false;
    const batch = [...pending].slice(0, BATCH);
    for (const t of batch) pending.delete(t);
    const live = batch.filter((t) => t.isConnected && !t.dataset.leaklens);
    if (live.length) {
      const posts = live.map((t) => ({ text: t.textContent, date: postDate(t) }));
      const reply = await chrome.runtime.sendMessage({ type: 'leaklens:check', posts });
      if (reply?.results) live.forEach((t, i) => mark(t, reply.results[i]));
      else console.warn('LeakLens: the core did not answer', reply?.error);
    }
    schedule();
  }

  function mark(textEl, result) {
    if (!result?.is_claim) {
      textEl.dataset.leaklens = 'clean';
      return;
    }
    textEl.dataset.leaklens = 'claim';
    textEl.after(Card.create(result, (host) => host.remove()));
  }

  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) queueWithin(n);
    schedule();
  }).observe(document.body, { childList: true, subtree: true });
  queueWithin(document.body);
  schedule();
})();
