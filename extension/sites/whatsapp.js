// WhatsApp Web (web.whatsapp.com): messages in chats and groups. WhatsApp's class names are
// generated, and its current markup has none of the `data-testid` attributes older markup had
// and extensions read; what stays is the message row `[data-id]` ("true_/false_" + chat + message id), the
// `.copyable-text[data-pre-plain-text="[10:54 pm, 12/06/2023] Name: "]` block that WhatsApp's own
// copy feature reads, and the message text `span.selectable-text` inside it. A forwarded message
// shows a forward icon (`data-icon="forwarded"`, later "forward-refreshed"; "frequently-forwarded"
// for one forwarded many times) above its text. Messages stay on the device: the text goes to
// the extension's own background, nowhere else.
(() => {
  const Sites = globalThis.LeakLensSites;
  const TEXT = '[data-pre-plain-text] span.selectable-text';
  const FORWARD_ICONS = '[data-icon="forwarded"], [data-icon="forward-refreshed"], [data-icon="frequently-forwarded"], [data-icon="forward-chat"]';

  // the day/month order of the reader's locale, the one WhatsApp writes dates in
  let order = null;
  function dayFirst() {
    if (order === null) {
      const parts = new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2000, 10, 22));
      order = parts.findIndex((p) => p.type === 'day') < parts.findIndex((p) => p.type === 'month');
    }
    return order;
  }

  /** The date in "[10:54 pm, 12/06/2023] Name: " (day and month in the locale's order; a number
   *  over 12 settles it). */
  function dateOf(pre) {
    const m = pre?.match(/\[([^\]]*?)(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\]/);
    if (!m) return null;
    let [a, b, c] = [Number(m[2]), Number(m[3]), Number(m[4])];
    let year, month, day;
    if (a > 31) [year, month, day] = [a, b, c];
    else {
      year = c < 100 ? 2000 + c : c;
      [day, month] = a > 12 || (b <= 12 && dayFirst()) ? [a, b] : [b, a];
    }
    return Sites.isoDate(Date.UTC(year, month - 1, day, 12));
  }

  Sites.define({
    id: 'whatsapp',
    hosts: ['web.whatsapp.com'],
    postText: TEXT,
    read: (el) => {
      // a quoted message inside a reply is no message of its own
      if (el.closest('[aria-label="Quoted message"], [data-testid="quoted-message"]')) return null;
      const text = el.textContent.trim();
      if (!text) return null;
      const block = el.closest('[data-pre-plain-text]');
      const row = el.closest('[data-id]');
      const bubble = row ?? block.parentElement;
      return {
        text,
        id: row?.getAttribute('data-id') ?? null,
        date: dateOf(block.getAttribute('data-pre-plain-text')),
        forwarded: Boolean(bubble.querySelector(FORWARD_ICONS)),
      };
    },
    place: (el, host) => el.closest('[data-pre-plain-text]').after(host),
  });
})();
