// Renders a LeakLens card host for a detection. Page text is only ever set with textContent;
// nothing is parsed as HTML.
globalThis.LeakLensCard = (() => {
  const STYLE = `
    :host { all: initial; display: block; margin: 6px 0; font: 13px/1.4 system-ui, sans-serif; }
    .badge { display: inline-flex; gap: 6px; align-items: center; padding: 4px 10px;
             border-radius: 999px; background: #fff4d6; color: #5c3b00; border: 1px solid #e0b54a; }
  `;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A host element with a closed shadow root holding the card for `result`. */
  function create(result) {
    const host = document.createElement('div');
    host.dataset.leaklens = 'card';
    host.dataset.systems = result.systems.join(' ');
    host.dataset.status = 'unverified';
    const root = host.attachShadow({ mode: 'closed' });
    const style = el('style');
    style.textContent = STYLE;
    const systems = result.systems.length ? result.systems.join(', ') : 'personal data';
    const badge = el('div', 'badge', `LeakLens: leak claim about ${systems}`);
    badge.setAttribute('role', 'note');
    root.append(style, badge);
    return host;
  }

  return Object.freeze({ create });
})();
