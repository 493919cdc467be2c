// "Report a wrong card": builds the report a reader may copy or open as a prefilled issue at the
// project's tracker. Pure functions, no I/O: nothing is sent anywhere by this file; the card's
// dialog sends nothing either, it only copies the text or opens a link on the reader's click.
// Used by the card (content script) and tested under Node (tests/js/report.test.mjs).
globalThis.LeakLensReport = (() => {
  /** The fixed reasons, in the order the dialog shows them (the words are card_text keys). */
  const REASONS = Object.freeze(['outdated', 'source', 'system', 'not_claim', 'other']);

  /**
   * The post text with its personal data masked. `personalData` is the core's
   * `personal_data` list (`[{kind, start_utf16, end_utf16, masked}]`): each span is replaced by
   * its `masked` form (or by asterisks of its length when a span has none). `redact`, when the
   * core exports it, is used instead.
   */
  function maskText(text, personalData = [], redact) {
    if (typeof redact === 'function') return String(redact(text));
    const spans = [...(personalData ?? [])]
      .filter((p) => Number.isInteger(p?.start_utf16) && Number.isInteger(p?.end_utf16) &&
        p.start_utf16 >= 0 && p.end_utf16 <= text.length && p.start_utf16 < p.end_utf16)
      .sort((a, b) => a.start_utf16 - b.start_utf16);
    let out = '';
    let at = 0;
    for (const p of spans) {
      if (p.start_utf16 < at) continue; // overlapping spans: the first one masks
      out += text.slice(at, p.start_utf16);
      out += typeof p.masked === 'string' && p.masked ? p.masked : '*'.repeat(p.end_utf16 - p.start_utf16);
      at = p.end_utf16;
    }
    return out + text.slice(at);
  }

  /**
   * The report as plain text (English field names, for the tracker): the reason, the comment,
   * the card's ids, the knowledge version, and the post with personal data masked.
   */
  function build({ text, result, reason, comment = '', knowledge = 'unknown', version = 'unknown',
    url = '', redact } = {}) {
    if (!REASONS.includes(reason)) throw new Error(`report: unknown reason ${reason}`);
    const card = result?.card ?? {};
    const quoted = maskText(String(text ?? ''), result?.personal_data, redact)
      .split('\n').map((l) => `> ${l}`).join('\n');
    const lines = [
      `Reason: ${reason}`,
      ...(comment.trim() ? [`Comment: ${comment.trim()}`] : []),
      `Systems: ${(result?.systems ?? []).join(', ') || 'none'}`,
      `Incident: ${card.incident?.id ?? result?.incident ?? 'none'}`,
      `Status: ${card.status?.id ?? result?.status?.id ?? 'unverified'}`,
      `Card language: ${card.language ?? result?.card_language ?? 'unknown'}`,
      `Knowledge version: ${knowledge}`,
      `LeakLens version: ${version}`,
      ...(url ? [`Post link: ${url}`] : []),
      '',
      'Post (personal data masked):',
      quoted,
    ];
    return lines.join('\n');
  }

  /** A short title for the issue. */
  function title(result, reason) {
    const systems = (result?.systems ?? []).join(', ') || 'no system';
    return `Wrong card (${reason}): ${systems}`;
  }

  /** The URL of a new, prefilled issue at the tracker (`homepage` is the manifest's
   *  homepage_url, a repository page), or null without one. */
  function issueUrl(homepage, reportTitle, body) {
    if (!homepage || !/^https:\/\//.test(homepage)) return null;
    const base = homepage.replace(/\/+$/, '');
    // trackers refuse very long URLs: a long post is cut here (the copied report is whole)
    const MAX_BODY = 6000;
    const cut = body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n[…]` : body;
    const params = new URLSearchParams({ title: reportTitle, body: cut });
    return `${base}/issues/new?${params}`;
  }

  return Object.freeze({ REASONS, maskText, build, title, issueUrl });
})();
