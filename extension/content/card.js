// Renders a LeakLens card host for a detection from the core's view tree. Only
// createElement/textContent and an allowlist of tags and attributes: page text is never
// parsed as HTML, and links are https only and open in a new tab.
globalThis.LeakLensCard = (() => {
  const TAGS = new Set(['section', 'header', 'footer', 'div', 'h2', 'h3', 'p', 'span', 'strong',
    'time', 'a', 'ul', 'ol', 'li', 'table', 'caption', 'tbody', 'tr', 'th', 'td', 'details',
    'summary']);
  const ATTRS = new Set(['class', 'role', 'aria-label', 'lang', 'datetime', 'scope',
    'data-status', 'data-kind', 'data-collected', 'href', 'target', 'rel']);

  // extension/content/card.css, wrapped by the build as content/card-style.js
  const STYLE = globalThis.LeakLensCardStyle ?? '';

  // one style sheet shared by every card's shadow root
  let shared = null;
  function sheet() {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(STYLE);
    }
    return shared;
  }

  /** Build DOM from a view node, refusing unknown tags and attributes. */
  function render(node) {
    if (typeof node?.text === 'string') return document.createTextNode(node.text);
    if (!TAGS.has(node?.tag)) return document.createTextNode('');
    const el = document.createElement(node.tag);
    for (const [k, v] of Object.entries(node.attrs ?? {})) {
      if (!ATTRS.has(k)) continue;
      if (k === 'href' && !/^https:\/\//.test(v)) continue;
      el.setAttribute(k, String(v));
    }
    if (node.tag === 'a') {
      el.target = '_blank';
      el.rel = 'noopener noreferrer';
    }
    for (const child of node.children ?? []) el.append(render(child));
    return el;
  }

  /** Light or dark, from the first opaque page background (X sets it on body). Reading it
   *  forces a style update when the page changed since the last frame (cards added by an
   *  earlier slice), so it is read at most once a frame, or every 100 ms in a hidden tab. */
  let themeCache = null;
  function theme() {
    if (themeCache) return themeCache;
    themeCache = pageTheme();
    const forget = () => { themeCache = null; };
    requestAnimationFrame(forget);
    setTimeout(forget, 100);
    return themeCache;
  }
  function pageTheme() {
    for (const el of [document.body, document.documentElement]) {
      const [r, g, b, a = 1] = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
      if (r === undefined || a === 0) continue;
      return r * 0.299 + g * 0.587 + b * 0.114 < 128 ? 'dark' : 'light';
    }
    return 'light';
  }

  const t = (key, fallback) => chrome.i18n?.getMessage?.(key) || fallback;
  // the badge's label prefix, asked once (an extension API call per card adds up on a feed)
  let badgeLabel = null;

  /** The badge and the dismiss button, built once and cloned for each card. */
  let bar = null;
  function barTemplate() {
    if (bar) return bar;
    bar = document.createElement('div');
    bar.className = 'bar';
    const badge = document.createElement('button');
    badge.className = 'badge';
    badge.type = 'button';
    badge.setAttribute('aria-controls', 'card');
    badge.setAttribute('aria-expanded', 'false');
    const close = document.createElement('button');
    close.className = 'dismiss';
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', t('cardDismiss', 'Dismiss this card'));
    bar.append(badge, close);
    return bar;
  }

  /**
   * A host element with a closed shadow root: a badge that expands into the full card (Enter
   * or click), closes with Escape, and a dismiss button. `onDismiss(host)` removes it.
   * `loadView()` gives `{view, words, result}` (the full card, its words and the full result)
   * when the result is a summary; `onOpen()` is told when the reader opens the card;
   * `report` ({text, url}) adds "Report a wrong card" to the open card. `note`: a line shown
   * beside the badge (e.g. that a WhatsApp message was forwarded).
   */
  function create(result, { onDismiss, expanded = false, loadView, onOpen, report, words, note } = {}) {
    const status = result.card?.status ?? result.status;
    const names = result.card?.systems?.map((s) => s.name) ?? result.system_names ?? [];
    const host = document.createElement('div');
    host.dataset.leaklens = 'card';
    host.dataset.systems = result.systems.join(' ');
    host.dataset.status = status?.id ?? 'unverified';
    host.dataset.theme = theme();
    // the card's language: screen readers read it with the right voice
    const lang = result.card?.language ?? result.card_language;
    if (lang) host.lang = lang;
    const root = host.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = [sheet()];
    const bar = barTemplate().cloneNode(true);
    const [badge, close] = bar.children;
    badge.textContent = `LeakLens · ${status?.label ?? 'Unverified'}` + (names.length ? ` · ${names.join(', ')}` : '');
    badgeLabel ??= t('cardBadgeLabel', 'LeakLens context card');
    badge.setAttribute('aria-label', `${badgeLabel}: ${badge.textContent}`);
    if (note) {
      const line = document.createElement('span');
      line.className = 'note';
      line.textContent = note;
      badge.after(line);
      badge.setAttribute('aria-label', `${badge.getAttribute('aria-label')} · ${note}`);
      host.dataset.note = note;
    }
    // the full card is built from the core's view tree, on first opening when not given
    let card = null;
    const cardFrom = (view) => {
      const el = view ? render(view) : document.createElement('section');
      el.id = 'card';
      el.tabIndex = -1;
      return el;
    };
    let full = { view: result.view, words, result };
    // `byReader`: the reader opened it (focus moves into the card); a card pinned open by the
    // toolbar check does not take the focus
    const toggle = async (open, byReader = true) => {
      if (open && !card) {
        if (!full.view) full = { ...full, ...(await loadView?.()) };
        card = cardFrom(full.view);
        if (report && full.words) card.append(reportButton(root, full, report));
        root.append(card);
      }
      if (card) card.hidden = !open;
      badge.setAttribute('aria-expanded', String(open));
      if (open && byReader) card.focus();
      if (open) onOpen?.(full.result ?? result);
    };
    badge.addEventListener('click', () => toggle(!card || card.hidden));
    close.addEventListener('click', () => onDismiss?.(host));
    root.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      const dialog = root.querySelector('.report-dialog:not([hidden])');
      if (dialog) { dialog.hidden = true; root.querySelector('.report')?.focus(); return; }
      if (card && !card.hidden) { toggle(false); badge.focus(); } else onDismiss?.(host);
    });
    root.append(bar);
    if (expanded) toggle(true, false);
    return host;
  }

  const make = (tag, props = {}, children = []) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  };

  /** "Report a wrong card" and its dialog, in the card's words. Nothing leaves the browser
   *  unless the reader clicks "Copy" (the clipboard) or "Open as an issue" (a new tab). */
  function reportButton(root, full, { text, url, knowledge, version, homepage, redact }) {
    const w = full.words;
    const R = globalThis.LeakLensReport;
    const wrap = make('div', { className: 'report-area' });
    const button = make('button', { type: 'button', className: 'report', textContent: w.report_button });
    button.setAttribute('aria-haspopup', 'dialog');
    const dialog = make('div', { className: 'report-dialog', hidden: true });
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-labelledby', 'report-title');
    const heading = make('h3', { id: 'report-title', textContent: w.report_title });
    const reasons = make('fieldset', {}, [make('legend', { textContent: w.report_reason })]);
    for (const [i, reason] of R.REASONS.entries()) {
      const input = make('input', { type: 'radio', name: 'reason', value: reason, checked: i === 0 });
      reasons.append(make('label', {}, [input, ` ${w[`reason_${reason}`]}`]));
    }
    const comment = make('textarea', { rows: 2, className: 'report-comment' });
    const commentLabel = make('label', {}, [w.report_comment, comment]);
    const preview = make('textarea', { readOnly: true, rows: 8, className: 'report-preview' });
    const previewLabel = make('label', {}, [w.report_preview, preview]);
    const note = make('p', { className: 'report-note', textContent: w.report_nothing_sent });
    const status = make('p', { className: 'report-status' });
    status.setAttribute('role', 'status');
    const copy = make('button', { type: 'button', className: 'report-copy', textContent: w.report_copy });
    const open = make('button', { type: 'button', className: 'report-open', textContent: w.report_open });
    const close = make('button', { type: 'button', className: 'report-close', textContent: w.report_close });
    const reason = () => reasons.querySelector('input:checked')?.value ?? 'other';
    const body = () => R.build({ text, result: full.result, reason: reason(), comment: comment.value,
      knowledge, version, url, redact });
    const refresh = () => { preview.value = body(); };
    reasons.addEventListener('change', refresh);
    comment.addEventListener('input', refresh);
    copy.addEventListener('click', async () => {
      refresh();
      try {
        await navigator.clipboard.writeText(preview.value);
      } catch {
        preview.select();
        document.execCommand('copy');
      }
      status.textContent = w.report_copied;
    });
    const link = () => R.issueUrl(homepage, R.title(full.result, reason()), body());
    open.hidden = !link();
    open.addEventListener('click', () => {
      const href = link();
      if (href) window.open(href, '_blank', 'noopener,noreferrer');
    });
    close.addEventListener('click', () => { dialog.hidden = true; button.focus(); });
    button.addEventListener('click', () => {
      dialog.hidden = !dialog.hidden;
      if (!dialog.hidden) { refresh(); reasons.querySelector('input:checked').focus(); }
    });
    dialog.append(heading, reasons, commentLabel, previewLabel, note,
      make('div', { className: 'report-buttons' }, [copy, open, close]), status);
    wrap.append(button, dialog);
    return wrap;
  }

  /** Build what every card shares (the style sheet, the badge and its label) ahead of the
   *  first card: a feed calls this when the page is idle, so that a burst of cards does not
   *  wait for it. */
  function warm() {
    sheet();
    barTemplate();
    badgeLabel ??= t('cardBadgeLabel', 'LeakLens context card');
  }

  return Object.freeze({ create, render, warm });
})();
