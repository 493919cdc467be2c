// Helpers for the site tests: every fixture marks its posts with data-expect (a system id for a
// claim, "clean" for a harmless post, "none" for an element that is no post) and, where the card
// must carry a note, data-expect-note. These read what LeakLens did to them.

/** Per expecting element: its cards' systems, their note and visibility, and clean marks. */
export function pageState(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('[data-expect]')) {
      out[el.id] = { expect: el.dataset.expect, note: null, wantNote: el.dataset.expectNote ?? null, cards: [], clean: 0, marked: 0, visible: false };
    }
    for (const host of document.querySelectorAll('[data-leaklens="card"]')) {
      const o = out[host.closest('[data-expect]')?.id];
      if (!o) continue;
      o.cards.push(host.dataset.systems);
      o.note = host.dataset.note ?? null;
      o.visible = host.getBoundingClientRect().height > 0;
    }
    for (const el of document.querySelectorAll('[data-leaklens="clean"], [data-leaklens="claim"]')) {
      const o = out[el.closest('[data-expect]')?.id];
      if (!o) continue;
      o.marked++;
      if (el.dataset.leaklens === 'clean') o.clean++;
    }
    return out;
  });
}

/** Whether an element's state is what its fixture expects. */
export function satisfied(s) {
  if (s.expect === 'none') return s.cards.length === 0 && s.marked === 0;
  if (s.expect === 'clean') return s.cards.length === 0 && s.clean > 0;
  return s.cards.length === 1 && s.cards[0].split(' ')[0] === s.expect && (s.wantNote === null || s.note === s.wantNote);
}

/** Wait until every expecting element in the page is as expected (fails with the state). */
export async function waitForExpected(page, timeout = 10_000) {
  const end = Date.now() + timeout;
  let state;
  for (;;) {
    state = await pageState(page);
    const pending = Object.entries(state).filter(([, s]) => !satisfied(s));
    if (Object.keys(state).length && pending.length === 0) return state;
    if (Date.now() > end) throw new Error(`not as expected: ${JSON.stringify(Object.fromEntries(pending))}`);
    await page.waitForTimeout(100);
  }
}

/** Scroll to the end of the page (the fixtures load more posts then) and wait for them. */
export async function scrollToEnd(page) {
  const before = await page.evaluate(() => document.querySelectorAll('[data-expect]').length);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction((n) => document.querySelectorAll('[data-expect]').length > n, before);
}
