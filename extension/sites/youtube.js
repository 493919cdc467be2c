// YouTube (www.youtube.com): a video's title and description, checked as one post, and its
// comments. Current markup: `ytd-watch-metadata` (title `#title h1`, description
// `ytd-text-inline-expander`, which holds the text twice: a collapsed `#snippet` and an
// `#expanded` copy), comments `ytd-comment-view-model` (the newer comment model) or
// `ytd-comment-renderer` (the older one), text `#content-text`. The older
// watch layout (`ytd-video-primary-info-renderer` + `ytd-video-secondary-info-renderer`) is the
// fallback.
(() => {
  const Sites = globalThis.LeakLensSites;
  const VIDEO = 'ytd-watch-metadata';
  const OLD_VIDEO = 'ytd-video-primary-info-renderer';
  const COMMENT_TEXT = 'ytd-comment-view-model #content-text, ytd-comment-renderer #content-text';

  function videoId() {
    return document.querySelector('ytd-watch-flexy[video-id]')?.getAttribute('video-id') ??
      new URLSearchParams(location.search).get('v');
  }

  /** The upload date: schema.org microdata, or the page's JSON-LD (parsed as JSON, not HTML). */
  function uploadDate() {
    const meta = document.querySelector('meta[itemprop="uploadDate"], meta[itemprop="datePublished"]');
    if (meta) return Sites.isoDate(meta.getAttribute('content'));
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      try {
        const data = JSON.parse(script.textContent);
        if (data?.uploadDate) return Sites.isoDate(data.uploadDate);
      } catch { /* not ours to fix */ }
    }
    return null;
  }

  /** The description once: the expanded copy when it has text, else the snippet. */
  function description(root) {
    const expander = root.querySelector('ytd-text-inline-expander');
    if (expander) {
      const expanded = expander.querySelector('#expanded')?.textContent.trim();
      if (expanded) return expanded;
      return Sites.first(expander, ['#attributed-snippet-text', '#plain-snippet-text', '#snippet'])?.textContent.trim() ?? '';
    }
    return Sites.first(document, ['ytd-video-secondary-info-renderer #description', '#description'])?.textContent.trim() ?? '';
  }

  function readVideo(el) {
    const title = Sites.first(el, ['#title h1', 'h1.title', 'h1'])?.textContent.trim() ?? '';
    if (!title) return null;
    const text = `${title}\n${description(el)}`.trim();
    return { text, id: videoId(), date: uploadDate() };
  }

  function readComment(el) {
    const link = el.closest('ytd-comment-view-model, ytd-comment-renderer')
      ?.querySelector('#published-time-text a[href*="lc="], a[href*="lc="]');
    const id = link?.getAttribute('href')?.match(/[?&]lc=([\w-]+)/)?.[1] ?? null;
    const text = el.textContent.trim();
    return text ? { text, id, date: null } : null;
  }

  Sites.define({
    id: 'youtube',
    hosts: ['www.youtube.com'],
    postText: [VIDEO, OLD_VIDEO, COMMENT_TEXT].join(', '),
    read: (el) => (el.matches(COMMENT_TEXT) ? readComment(el) : readVideo(el)),
    place: (el, host) => {
      if (el.matches(COMMENT_TEXT)) (el.closest('ytd-expander, #expander') ?? el).after(host);
      else (Sites.first(el, ['#title', 'h1.title']) ?? el).after(host);
    },
  });
})();
