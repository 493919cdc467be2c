// Reddit: the current site (shreddit web components, www.reddit.com) and old.reddit.com; posts
// (title and body) and comments. The React redesign that came before shreddit
// (`[data-testid="post-container"]`, `[data-testid="comment"]`) is the fallback.
// - shreddit-post and shreddit-comment keep their content in light-DOM children assigned to named
//   slots of a shadow root (`slot="title"`, `slot="text-body"`, `slot="comment"`): a card must go
//   into one of those slots, or the shadow root never renders it.
// - old Reddit nests replies inside their parent's `.thing` (`.child`), so a comment's text is
//   its own `.entry .md`, never the `.thing`'s whole textContent.
(() => {
  const Sites = globalThis.LeakLensSites;
  const POST = 'shreddit-post';
  const COMMENT_TEXT = 'shreddit-comment > [slot="comment"]';
  const OLD_POST = '.thing.link > .entry';
  const OLD_COMMENT_TEXT = '.thing.comment > .entry .usertext-body .md';
  const REACT_POST = 'div[data-testid="post-container"]';
  const REACT_COMMENT_TEXT = 'div[data-testid="comment"]';

  function readPost(el) {
    const title = el.getAttribute('post-title') ?? Sites.first(el, ['[slot="title"]', 'h1', 'h3'])?.textContent ?? '';
    const body = el.querySelector('[slot="text-body"]')?.textContent ?? '';
    return {
      text: `${title.trim()}\n${body.trim()}`.trim(),
      id: el.getAttribute('id') ?? el.getAttribute('permalink'),
      date: Sites.isoDate(el.getAttribute('created-timestamp')),
    };
  }

  /** After the body (or the title), in the same named slot: several elements may share a slot,
   *  and the body is often a link, which a card must not sit in. */
  function placePost(el, host) {
    const anchor = Sites.first(el, ['[slot="text-body"]', '[slot="title"]', 'h1']) ?? el;
    if (anchor.slot) host.slot = anchor.slot;
    anchor.after(host);
  }

  function readComment(el) {
    const comment = el.parentElement;
    // its own date: the first <time> in document order is the comment's, its replies come after
    const time = comment.querySelector('faceplate-timeago time[datetime], time[datetime]');
    return {
      text: el.textContent.trim(),
      id: comment.getAttribute('thingid'),
      date: Sites.isoDate(comment.getAttribute('created') ?? time?.getAttribute('datetime')),
    };
  }

  function readOldPost(el) {
    const thing = el.parentElement;
    const title = el.querySelector('p.title a.title')?.textContent ?? '';
    const body = el.querySelector('.expando .usertext-body .md')?.textContent ?? '';
    const stamp = Number(thing.dataset.timestamp);
    return {
      text: `${title.trim()}\n${body.trim()}`.trim(),
      id: thing.dataset.fullname ?? null,
      date: Sites.isoDate(el.querySelector('time[datetime]')?.getAttribute('datetime')) ?? (stamp ? Sites.isoDate(stamp) : null),
    };
  }

  function placeOldPost(el, host) {
    const body = el.querySelector('.expando .usertext-body');
    (body ?? el.querySelector('p.title') ?? el).after(host);
  }

  function readOldComment(el) {
    const thing = el.closest('.thing');
    return {
      text: el.textContent.trim(),
      id: thing?.dataset.fullname ?? null,
      date: Sites.isoDate(thing?.querySelector(':scope > .entry time[datetime]')?.getAttribute('datetime')),
    };
  }

  function readReactPost(el) {
    const title = el.querySelector('h1, h3')?.textContent ?? '';
    const body = el.querySelector('[data-click-id="text"], [data-test-id="post-content"] .RichTextJSON-root')?.textContent ?? '';
    return {
      text: `${title.trim()}\n${body.trim()}`.trim(),
      id: el.closest('[id^="t3_"]')?.id ?? el.id ?? null,
      date: null,
    };
  }

  function readReactComment(el) {
    return { text: el.textContent.trim(), id: el.closest('[id^="t1_"]')?.id ?? null, date: null };
  }

  const kinds = [
    [POST, readPost, placePost],
    // inside the slotted element: a light-DOM child without a slot would not be rendered
    [COMMENT_TEXT, readComment, (el, host) => el.append(host)],
    [OLD_POST, readOldPost, placeOldPost],
    [OLD_COMMENT_TEXT, readOldComment, null],
    [REACT_POST, readReactPost, null],
    [REACT_COMMENT_TEXT, readReactComment, null],
  ];
  const kindOf = (el) => kinds.find(([selector]) => el.matches(selector));

  Sites.define({
    id: 'reddit',
    hosts: ['www.reddit.com', 'old.reddit.com', 'new.reddit.com', 'sh.reddit.com'],
    postText: kinds.map(([selector]) => selector).join(', '),
    read: (el) => {
      const post = kindOf(el)?.[1](el);
      return post?.text ? post : null;
    },
    place: (el, host) => {
      const place = kindOf(el)?.[2];
      if (place) place(el, host); else el.after(host);
    },
  });
})();
