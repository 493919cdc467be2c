// News articles on the sites the reader allowed ("Always check articles on this site" in the
// popup, or the built-in list of Indian news sites in the options). An article is an <article>
// (or, on sites without one, the schema.org articleBody) with at least a few paragraphs; teaser
// cards in "related" lists have none and are skipped. Articles appended by infinite scroll are
// found by the same observer. A card is pinned above each article that makes a claim.
(() => {
  const Sites = globalThis.LeakLensSites;
  // the outermost only: a body inside an article, or an article in an article, is read with it
  const ARTICLE = 'article:not(article *), [itemprop="articleBody"]:not(article *, [itemprop="articleBody"] *)';
  const MIN_CHARS = 300;
  const PARTS = 'h1, h2, h3, p, li, blockquote';

  function headline(el, isFirst) {
    const own = el.querySelector('h1') ?? el.querySelector('h2');
    if (own) return own.textContent.trim();
    return isFirst ? (document.querySelector('h1')?.textContent.trim() ?? '') : '';
  }

  Sites.define({
    id: 'news',
    hosts: '*',
    postText: ARTICLE,
    read: (el) => {
      const isFirst = document.querySelector(ARTICLE) === el;
      const title = headline(el, isFirst);
      const parts = [];
      let length = 0;
      for (const part of el.querySelectorAll(PARTS)) {
        if (part.closest('[data-leaklens="card"], aside, nav, figure, [role="complementary"]')) continue;
        // a list item or quote holding paragraphs is read through them
        if (part.querySelector('p') && part.matches('li, blockquote')) continue;
        const text = part.textContent.trim();
        if (!text || text === title) continue;
        parts.push(text);
        if (part.matches('p')) length += text.length;
      }
      if (length < MIN_CHARS) return null;
      const date = el.querySelector('time[datetime]')?.getAttribute('datetime') ??
        (isFirst ? document.querySelector('meta[property="article:published_time"]')?.content : null);
      const link = el.getAttribute('data-url') ??
        (isFirst ? document.querySelector('link[rel="canonical"]')?.href ?? location.href : null);
      return { text: [title, ...parts].join('\n').slice(0, 200000), id: link, date: Sites.isoDate(date) };
    },
    place: (el, host) => el.before(host),
  });
})();
