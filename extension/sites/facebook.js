// Facebook (www.facebook.com, web.facebook.com): post messages and comments. Facebook's class
// names are generated and change with every build; these selectors use the attributes its own
// ad and accessibility code relies on. Feed posts carry `aria-posinset`; a post's message is
// `[data-ad-rendering-role="story_message"]` in the current markup or, in older markup (and in
// the block story_message wraps), `[data-ad-preview="message"]` / `[data-ad-comet-preview="message"]`.
// Comments are `[role="article"]` blocks whose text sits in a `lang`-tagged span. Dates are only
// shown as hover tooltips, so posts are checked without one.
(() => {
  const Sites = globalThis.LeakLensSites;
  const MESSAGE = ['[data-ad-rendering-role="story_message"]', '[data-ad-preview="message"]',
    '[data-ad-comet-preview="message"]'];
  // the outermost message only (story_message holds the older preview attributes inside it), so
  // that a change deep inside ("See more") leads the observer to the message it belongs to
  const INSIDE = ':not([data-ad-rendering-role="story_message"] *, [data-ad-preview="message"] *, [data-ad-comet-preview="message"] *)';
  const COMMENT_TEXT = `[role="article"] span[dir="auto"][lang]${INSIDE}`;
  const POST = '[aria-posinset], [role="article"], [data-pagelet^="FeedUnit"]';
  const ID_LINK = 'a[href*="/posts/"], a[href*="/permalink/"], a[href*="story_fbid="], a[href*="comment_id="]';

  /** A post's or comment's id from its links (posts/ID, permalink/ID, story_fbid=ID, comment_id=ID). */
  function idOf(box) {
    for (const a of box?.querySelectorAll(ID_LINK) ?? []) {
      const href = a.getAttribute('href') ?? '';
      const id = href.match(/comment_id=(\d+)/)?.[1] ?? href.match(/(?:\/posts\/|\/permalink\/|story_fbid=)([\w-]+)/)?.[1];
      if (id) return id;
    }
    return null;
  }

  // "See more" is a button inside the message; its label is no part of the post
  const SKIP = '[role="button"]';

  Sites.define({
    id: 'facebook',
    hosts: ['www.facebook.com', 'web.facebook.com'],
    postText: [...MESSAGE.map((m) => m + INSIDE), COMMENT_TEXT].join(', '),
    read: (el) => {
      const comment = el.matches(COMMENT_TEXT);
      const text = Sites.textWithout(el, SKIP).trim();
      if (!text) return null;
      const box = comment ? el.closest('[role="article"]') : el.closest(POST);
      return { text, id: idOf(box), date: null };
    },
  });
})();
