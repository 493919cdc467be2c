// X/Twitter (x.com, twitter.com, mobile.twitter.com): post texts, quoted posts, "Show more".
// Covered by tests/e2e/extension.test.mjs on tests/fixtures/x-*.html.
(() => {
  const S = Object.freeze({
    postText: '[data-testid="tweetText"]',
    post: 'article[data-testid="tweet"]',
    // a quoted post sits inside the outer article, in a link-like container
    quote: 'div[role="link"]',
    statusLink: 'a[href*="/status/"]',
    time: 'time[datetime]',
  });

  /** The element that owns a post text: the quoted-post box or the article. */
  function container(textEl) {
    const quote = textEl.closest(S.quote);
    const article = textEl.closest(S.post);
    return quote && article && article.contains(quote) ? quote : article;
  }

  /** `{id, date}` of the post a text belongs to (id from the status link, date from <time>). */
  function postInfo(textEl) {
    const box = container(textEl);
    if (!box) return { id: null, date: null };
    const time = box.querySelector(S.time);
    const link = time?.closest('a[href*="/status/"]') ?? box.querySelector(S.statusLink);
    const id = link?.getAttribute('href')?.match(/\/status\/(\d+)/)?.[1] ?? null;
    return { id, date: time?.getAttribute('datetime') ?? null };
  }

  globalThis.LeakLensSites.define({
    id: 'x',
    hosts: ['x.com', 'twitter.com', 'mobile.twitter.com'],
    postText: S.postText,
    read: (el) => ({ text: el.textContent, ...postInfo(el) }),
  });
})();
