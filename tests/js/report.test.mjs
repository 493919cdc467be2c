// "Report a wrong card" (extension/shared/report.js): personal data is masked by the core's
// spans, the report names the card's ids, the knowledge version and the reason, and the issue
// link is built only for an https tracker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const context = { URLSearchParams };
vm.runInNewContext(readFileSync('extension/shared/report.js', 'utf8'), context);
const R = context.LeakLensReport;

// a post as the core's personal_data contract describes it (UTF-16 offsets, a masked form)
const text = 'CoWIN leak 😳 Aadhaar 2345 6789 0123 and phone 98765 43210 on Telegram';
const at = (s) => ({ start_utf16: text.indexOf(s), end_utf16: text.indexOf(s) + s.length });
const personal = [
  { kind: 'mobile', ...at('98765 43210'), masked: '98XXX XXX10' },
  { kind: 'aadhaar', ...at('2345 6789 0123'), masked: 'XXXX XXXX 0123' },
];
const result = {
  systems: ['cowin'], personal_data: personal,
  card: { language: 'ta', incident: { id: 'cowin-2023-telegram' }, status: { id: 'disputed' } },
};

test('personal data is masked by its spans, also after astral characters', () => {
  const masked = R.maskText(text, personal);
  assert.equal(masked, 'CoWIN leak 😳 Aadhaar XXXX XXXX 0123 and phone 98XXX XXX10 on Telegram');
  assert.ok(!masked.includes('2345 6789'));
  // a span without a masked form is starred; broken spans are ignored, never thrown on
  assert.equal(R.maskText('id 1234', [{ start_utf16: 3, end_utf16: 7 }]), 'id ****');
  assert.equal(R.maskText('abc', [{ start_utf16: 2, end_utf16: 9, masked: 'x' }]), 'abc');
  // the core's redact, when it has one, is used instead
  assert.equal(R.maskText('abc', personal, (t) => t.toUpperCase()), 'ABC');
});

test('the report names the reason, the card ids, the knowledge and the masked post', () => {
  const body = R.build({ text, result, reason: 'outdated', comment: ' status changed in May ',
    knowledge: 'kb-1234abcd', version: '0.1.0', url: 'https://x.com/a/status/1' });
  for (const line of ['Reason: outdated', 'Comment: status changed in May', 'Systems: cowin',
    'Incident: cowin-2023-telegram', 'Status: disputed', 'Card language: ta',
    'Knowledge version: kb-1234abcd', 'LeakLens version: 0.1.0', 'Post link: https://x.com/a/status/1',
    '> CoWIN leak 😳 Aadhaar XXXX XXXX 0123 and phone 98XXX XXX10 on Telegram']) {
    assert.ok(body.split('\n').includes(line), `${line}\n---\n${body}`);
  }
  assert.ok(!body.includes('98765'), 'no unmasked number');
  assert.throws(() => R.build({ text, result, reason: 'because' }), /unknown reason/);
  assert.deepEqual([...R.REASONS], ['outdated', 'source', 'system', 'not_claim', 'other']);
});

test('the issue link goes to the tracker only, prefilled, and long posts are cut', () => {
  assert.equal(R.issueUrl(undefined, 't', 'b'), null);
  assert.equal(R.issueUrl('http://example.org/repo', 't', 'b'), null);
  const url = new URL(R.issueUrl('https://example.org/leaklens/', 'Wrong card', 'line 1\nline 2'));
  assert.equal(url.origin + url.pathname, 'https://example.org/leaklens/issues/new');
  assert.equal(url.searchParams.get('title'), 'Wrong card');
  assert.equal(url.searchParams.get('body'), 'line 1\nline 2');
  const long = new URL(R.issueUrl('https://example.org/r', 't', 'x'.repeat(20000)));
  assert.ok(long.searchParams.get('body').length < 6100);
  assert.equal(R.title(result, 'system'), 'Wrong card (system): cowin');
});
