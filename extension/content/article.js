// Injected on demand (toolbar button or context menu, through activeTab + scripting): reads a
// page's main article text and pins a LeakLens card above it. Text is read with textContent
// only; the card is built by LeakLensCard from the core's view tree.
globalThis.LeakLensArticle = (() => {
  const t = (key, fallback, subs) => chrome.i18n?.getMessage?.(key, subs) || fallback;

  /** The element most likely to hold the article: <article>, <main>, or the densest block. */
  function mainElement() {
    const score = (el) => [...el.querySelectorAll('p')].reduce((n, p) => n + p.textContent.length, 0);
    const best = (els) => els.filter((el) => score(el) > 0).sort((a, b) => score(b) - score(a))[0];
    const found = best([...document.querySelectorAll('article')]) ??
      best([...document.querySelectorAll('main, [role="main"]')]);
    if (found) return found;
    const blocks = [...document.querySelectorAll('div, section')];
    return blocks.sort((a, b) => score(b) - score(a))[0] ?? document.body;
  }

  /** `{text, date, url}` of the page's article. */
  function extract() {
    const root = mainElement();
    const parts = [];
    const title = document.querySelector('h1')?.textContent?.trim();
    if (title) parts.push(title);
    for (const el of root.querySelectorAll('h1, h2, h3, p, li, blockquote')) {
      const text = el.textContent.trim();
      if (text && text !== title) parts.push(text);
    }
    const date = document.querySelector('meta[property="article:published_time"]')?.content ||
      document.querySelector('time[datetime]')?.getAttribute('datetime') || undefined;
    return { text: parts.join('\n').slice(0, 200000), date, url: location.href };
  }

  /** A one-line summary of what was found, above the expandable card. */
  function summary(result, what) {
    if (!result?.is_claim) return t('articleNoClaim', `LeakLens checked ${what}: no data-leak claim found.`, [what]);
    const systems = result.card?.systems?.map((s) => s.name).join(', ') || t('articleNoSystem', 'an unnamed system');
    const no = (result.card?.fields ?? []).filter((f) => f.collected === 'no').map((f) => f.label);
    let line = t('articleClaim', `LeakLens checked ${what}: it alleges a leak from ${systems}. Status: ${result.card?.status?.label}.`,
      [what, systems, result.card?.status?.label ?? '']);
    if (no.length) line += ' ' + t('articleNotCollected', `Not collected by the system: ${no.join(', ')}.`, [no.join(', ')]);
    return line;
  }

  /** Pin the result above the article (or at the top of the page). Replaces an earlier pin.
   *  `context` ({words, text, url, knowledge, version, homepage}) adds the report dialog. */
  function pin(result, what, context) {
    document.querySelector('[data-leaklens-pinned]')?.remove();
    const report = context?.words ? { text: context.text, url: context.url, knowledge: context.knowledge,
      version: context.version, homepage: context.homepage } : undefined;
    const host = result?.is_claim
      ? globalThis.LeakLensCard.create(result, { onDismiss: (h) => h.remove(), expanded: true,
        words: context?.words, report })
      : document.createElement('div');
    if (!result?.is_claim) host.dataset.leaklens = 'clean';
    const note = document.createElement('p');
    note.textContent = summary(result, what);
    note.setAttribute('role', 'status');
    note.style.cssText = 'font: 14px/1.4 system-ui, sans-serif; margin: 8px 0; padding: 8px 12px; ' +
      'border-left: 4px solid #c99a2e; background: #fff8e6; color: #1c1c1c;';
    const wrap = document.createElement('div');
    wrap.dataset.leaklensPinned = '';
    wrap.append(note, host);
    const root = mainElement();
    if (root === document.body || !root.parentNode) document.body.prepend(wrap);
    else root.before(wrap);
    wrap.scrollIntoView({ block: 'start' });
    return { pinned: true, claim: Boolean(result?.is_claim) };
  }

  return Object.freeze({ extract, pin });
})();
