// The extension's settings logic (extension/shared/settings.js): which results get a card.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const context = { chrome: {} };
vm.runInNewContext(readFileSync('extension/shared/settings.js', 'utf8'), context);
const S = context.LeakLensSettings;
const claim = (confidence, language = 'en') => ({ is_claim: true, confidence, language });

test('by default every claim the core finds gets a card, and nothing else', () => {
  const s = { ...S.DEFAULTS };
  assert.equal(S.wants(s, claim(0.5)), true, 'the lowest-scoring claim (a denial, no system named)');
  assert.equal(S.wants(s, claim(0.99)), true);
  assert.equal(S.wants(s, { is_claim: false, confidence: 0.45, language: 'en' }), false);
});

test('low sensitivity keeps only clear claims; languages filter; sites switch off', () => {
  const low = { ...S.DEFAULTS, sensitivity: 'low' };
  assert.equal(S.wants(low, claim(0.6)), false);
  assert.equal(S.wants(low, claim(0.9)), true);
  const hindiOnly = { ...S.DEFAULTS, languages: ['hi'] };
  assert.equal(S.wants(hindiOnly, claim(0.9, 'en')), false);
  assert.equal(S.wants(hindiOnly, claim(0.9, 'hi')), true);
  assert.equal(S.activeOn({ ...S.DEFAULTS, disabledSites: ['x.com'] }, 'x.com'), false);
  assert.equal(S.activeOn({ ...S.DEFAULTS, enabled: false }, 'twitter.com'), false);
  assert.equal(S.activeOn(S.DEFAULTS, 'x.com'), true);
});

test('"Snooze for today" turns cards off until local midnight, and only until then', () => {
  const now = new Date(2026, 10, 29, 15, 30).getTime();
  const midnight = S.endOfToday(now);
  assert.equal(new Date(midnight).getHours(), 0);
  assert.equal(midnight - now, 8.5 * 3600 * 1000);
  const snoozed = { ...S.DEFAULTS, snoozedUntil: midnight };
  assert.equal(S.snoozed(snoozed, now), true);
  assert.equal(S.activeOn(snoozed, 'x.com', now), false);
  assert.equal(S.activeOn(snoozed, 'x.com', midnight + 1), true, 'the next day cards are back');
  assert.equal(S.snoozed(S.DEFAULTS, now), false);
});

test('opt-in sites are off until turned on; the article mode covers the allowed sites only', () => {
  const s = { ...S.DEFAULTS };
  assert.equal(S.siteOn(s, 'x', 'x.com'), true, 'X is on by default');
  assert.equal(S.siteOn(s, 'reddit', 'www.reddit.com'), false);
  assert.equal(S.siteOn({ ...s, sites: { reddit: true } }, 'reddit', 'www.reddit.com'), true);
  const news = { ...s, articleSites: ['https://*.thehindu.com/*', 'https://news.example.in/*'] };
  assert.equal(S.siteOn(news, 'news', 'www.thehindu.com'), true);
  assert.equal(S.siteOn(news, 'news', 'thehindu.com'), true);
  assert.equal(S.siteOn(news, 'news', 'evilthehindu.com'), false);
  assert.equal(S.siteOn(news, 'news', 'news.example.in'), true);
  assert.equal(S.siteOn(news, 'news', 'sub.news.example.in'), false);
  assert.equal(S.siteOn(s, 'news', 'www.thehindu.com'), false);
});
