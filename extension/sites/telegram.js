// Telegram Web (web.telegram.org), both clients, in channels and groups:
// - K (/k/, github.com/morethanwords/tweb): `.bubble[data-mid][data-peer-id][data-timestamp]`
//   (seconds) holding `.message.spoilers-container`; the text sits in `.translatable-message`
//   in recent builds, else directly in `.message` beside the `.time` and `.reactions` it ends with.
// - A (/a/, github.com/Ajaxy/telegram-tt): `.Message[data-message-id]` holding `.text-content`,
//   which ends with the `.MessageMeta` (time, views); messages carry no date in the page (only
//   the day's sticky header), so they are checked without one. A forwarded message has a
//   `.message-title` "Forwarded message" line, K a `.is-forwarded` bubble.
(() => {
  const Sites = globalThis.LeakLensSites;
  const K_TEXT = '.bubble .message';
  const A_TEXT = '.Message .text-content';
  const K_SKIP = '.time, .reactions, .bubble-name-rank, .clearfix, .reply, .name';
  const A_SKIP = '.MessageMeta, .Reactions, .message-title';

  function readK(el) {
    const bubble = el.closest('.bubble');
    const own = el.querySelector('.translatable-message');
    const text = (own ? own.textContent : Sites.textWithout(el, K_SKIP)).trim();
    if (!text || !bubble) return null;
    const stamp = Number(bubble.dataset.timestamp);
    return {
      text,
      id: bubble.dataset.mid ? `${bubble.dataset.peerId ?? ''}/${bubble.dataset.mid}` : null,
      date: stamp ? Sites.isoDate(stamp * 1000) : null,
      forwarded: bubble.classList.contains('is-forwarded'),
    };
  }

  function readA(el) {
    const message = el.closest('.Message');
    const text = Sites.textWithout(el, A_SKIP).trim();
    if (!text || !message) return null;
    return {
      text,
      id: message.dataset.messageId ? `${location.hash}/${message.dataset.messageId}` : null,
      date: null,
      forwarded: Boolean(message.querySelector('.message-content > .message-title')),
    };
  }

  Sites.define({
    id: 'telegram',
    hosts: ['web.telegram.org'],
    postText: `${K_TEXT}, ${A_TEXT}`,
    read: (el) => (el.matches(K_TEXT) ? readK(el) : readA(el)),
  });
})();
