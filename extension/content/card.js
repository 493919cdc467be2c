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
   * or click), closes with Escape, and a dismiss button. `onDismiss(host)` removes it. `note`:
   * a line shown beside the badge (e.g. that a WhatsApp message was forwarded).
   */
  function create(result, { onDismiss, expanded = false, loadView, note } = {}) {
    const status = result.card?.status ?? result.status;
    const names = result.card?.systems?.map((s) => s.name) ?? result.system_names ?? [];
    const host = document.createElement('div');
    host.dataset.leaklens = 'card';
    host.dataset.systems = result.systems.join(' ');
    host.dataset.status = status?.id ?? 'unverified';
    host.dataset.theme = theme();
    const root = host.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = [sheet()];
    const bar = barTemplate().cloneNode(true);
    const [badge, close] = bar.children;
    badge.textContent = `LeakLens · ${status?.label ?? 'Unverified'}` + (names.length ? ` · ${names.join(', ')}` : '');
    badge.setAttribute('aria-label', `${t('cardBadgeLabel', 'LeakLens context card')}: ${badge.textContent}`);
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
    const toggle = async (open) => {
      if (open && !card) {
        card = cardFrom(result.view ?? (await loadView?.()));
        root.append(card);
      }
      if (card) card.hidden = !open;
      badge.setAttribute('aria-expanded', String(open));
      if (open) card.focus();
    };
    badge.addEventListener('click', () => toggle(!card || card.hidden));
    close.addEventListener('click', () => onDismiss?.(host));
    root.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      if (card && !card.hidden) { toggle(false); badge.focus(); } else onDismiss?.(host);
    });
    root.append(bar);
    if (expanded) toggle(true);
    return host;
  }

  return Object.freeze({ create, render });
})();
