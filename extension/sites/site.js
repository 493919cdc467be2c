// The site adapters' registry and the helpers they share. Each file in extension/sites/ declares
// one site: where its posts' texts are (`postText`, a selector the shared observer in
// content/content.js watches), how to read one (`read(el)` → {text, id, date, forwarded} or null
// when the element is no post after all) and where its card goes (`place(el, host)`). Every read
// of a site's markup lives in its adapter; page text is only ever read with textContent.
globalThis.LeakLensSites = (() => {
  const adapters = [];

  /** Register an adapter: {id, hosts: [hostname, ...] or '*', postText, read, place?}. */
  function define(adapter) {
    adapters.push(Object.freeze({ place: (el, host) => el.after(host), ...adapter }));
  }

  /** The adapter for a hostname (the news adapter, hosts '*', when no other claims it). */
  function forHost(hostname) {
    return adapters.find((a) => a.hosts !== '*' && a.hosts.includes(hostname)) ??
      adapters.find((a) => a.hosts === '*') ?? null;
  }

  /** An element's text without the parts matching `skip` (times, reactions, "Show more"). */
  function textWithout(el, skip) {
    if (!el.querySelector(skip)) return el.textContent;
    let text = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const skipped = node.parentElement.closest(skip);
      if (!skipped || !el.contains(skipped)) text += node.data;
    }
    return text;
  }

  /** An ISO date from a value that may be one, or null. */
  function isoDate(value) {
    if (value === null || value === undefined || value === '') return null;
    const date = new Date(typeof value === 'number' ? value : String(value).replace(/(\.\d{3})\d+/, '$1'));
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }

  /** The first element matching one of `selectors` (the current markup first, then the
   *  fallbacks for older or A/B-tested markup) under `root`. */
  function first(root, selectors) {
    for (const s of selectors) {
      const el = root.querySelector(s);
      if (el) return el;
    }
    return null;
  }

  return Object.freeze({ define, forHost, textWithout, isoDate, first, adapters });
})();
