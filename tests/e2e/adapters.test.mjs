// Each site adapter on its fixtures, without the extension around it: the id, date and text it
// reads for a post (times, view counts, "See more" and nested replies left out), and elements
// that are no post. The fixtures' own scripts are left out (the shadow roots they add do not
// change the light DOM the adapters read). The browser's language is US English (month-first
// dates), in Chromium and in Firefox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchWithExtension } from './browser.mjs';

let browser;
let page;
before(async () => {
  browser = await launchWithExtension();
  page = await browser.context.newPage();
});
after(async () => {
  await browser?.close();
});

/** Load a fixture and an adapter; `read(selector)`: the adapter's reading of the first element
 *  that matches both `selector` and the adapter's postText (or of `selector` itself). */
async function load(fixture, adapter) {
  const html = readFileSync(`tests/fixtures/sites/${fixture}`, 'utf8').replace(/<script src="[^"]*"><\/script>/g, '');
  await page.setContent(html);
  for (const file of ['site.js', adapter]) {
    await page.addScriptTag({ content: readFileSync(`extension/sites/${file}`, 'utf8') });
  }
  const id = adapter.replace('.js', '');
  return (selector) => page.evaluate(([id, selector]) => {
    const a = globalThis.LeakLensSites.adapters.find((x) => x.id === id);
    const root = document.querySelector(selector);
    const el = root.matches(a.postText) ? root : root.querySelector(a.postText);
    return a.read(el);
  }, [id, selector]);
}
const count = (scope, id) => page.evaluate(([scope, id]) => {
  const a = globalThis.LeakLensSites.adapters.find((x) => x.id === id);
  return document.querySelector(scope).querySelectorAll(a.postText).length;
}, [scope, id]);

test('Reddit (shreddit): post title and body, comment without its replies', async () => {
  const read = await load('reddit-new.html', 'reddit.js');
  const post = await read('#claim-1');
  assert.deepEqual([post.id, post.date], ['t3_14xq1ab', '2023-06-12T08:30:00.000Z']);
  assert.match(post.text, /^Is this real\? Someone says the CoWIN database leaked\nA Telegram bot/);
  const comment = await read('#claim-2');
  assert.deepEqual([comment.id, comment.date], ['t1_jp0abcd', '2023-06-12T09:02:11.000Z']);
  assert.doesNotMatch(comment.text, /rally/);
});

test('old Reddit: a comment is its own text, not its nested replies', async () => {
  const read = await load('reddit-old.html', 'reddit.js');
  const post = await read('#claim-1');
  assert.deepEqual([post.id, post.date], ['t3_15efgh1', '2023-06-12T08:30:00.000Z']);
  assert.match(post.text, /^EPFO data leak .*\nPosting the researcher/);
  const parent = await read('#harmless-1');
  assert.equal(parent.id, 't1_jq1aaaa');
  assert.equal(parent.text, 'Cricket score update: India 245 for 3 after 40 overs.');
  assert.equal((await read('#claim-2')).id, 't1_jq1bbbb');
});

test('Facebook: one message per post, ids from links, "See more" left out, comments', async () => {
  let read = await load('facebook-a.html', 'facebook.js');
  assert.equal((await read('#claim-1')).id, 'pfbid02Xk7aBcD');
  // story_message holds the older preview block: read once, as one post
  assert.equal(await count('#claim-1 [data-ad-rendering-role]', 'facebook'), 0);
  const comment = await read('#claim-2');
  assert.equal(comment.id, '101234567890');
  assert.match(comment.text, /^कोविन/);
  read = await load('facebook-b.html', 'facebook.js');
  const post = await read('#claim-1');
  assert.equal(post.id, '3456789012');
  assert.doesNotMatch(post.text, /See more/);
});

test('YouTube: title and description once, video id and upload date; comment ids', async () => {
  let read = await load('youtube-a.html', 'youtube.js');
  const video = await read('#claim-1');
  assert.equal(video.text, 'CoWIN data leak explained: what the Telegram bot showed\nA bot on Telegram returned names, Aadhaar numbers and phone numbers of vaccinated people…');
  assert.deepEqual([video.id, video.date], ['aB3dE5fG7hI', '2023-06-12T14:00:00.000Z']);
  assert.equal((await read('#claim-2')).id, 'UgxAbC123dEf');
  read = await load('youtube-b.html', 'youtube.js');
  const old = await read('#claim-1');
  assert.match(old.text, /^The AIIMS server hack.*\nReports say/);
  assert.equal(old.date, '2023-06-12T00:00:00.000Z');
  assert.equal((await read('#claim-2')).id, 'UgzP5q6R7s8');
});

test('Telegram Web: K and A messages without their time and views; K dates, forwarded', async () => {
  let read = await load('telegram-k.html', 'telegram.js');
  const k = await read('#claim-1');
  assert.deepEqual([k.id, k.date], ['-1001234567890/4294967297', '2023-06-12T08:30:00.000Z']);
  assert.doesNotMatch(k.text, /1\.2K|10:30/);
  assert.equal((await read('#harmless-1')).text, 'Good morning everyone, the meeting is moved to 4 pm.');
  read = await load('telegram-a.html', 'telegram.js');
  const a = await read('#claim-1');
  assert.equal(a.text, 'EPFO data leak exposes names, bank account numbers and Aadhaar numbers of 28 crore members, a researcher alleges.');
  assert.equal(a.forwarded, true);
  assert.equal((await read('#claim-2')).forwarded, false);
});

test('WhatsApp Web: text, message id, the date in either order, forwarded', async () => {
  let read = await load('whatsapp-a.html', 'whatsapp.js');
  const a = await read('#claim-1');
  assert.deepEqual([a.id, a.date, a.forwarded],
    ['false_120363025246125486@g.us_3EB0A1B2C3D4E5F60718_919800000001@c.us', '2023-06-13T12:00:00.000Z', true]);
  assert.equal((await read('#claim-2')).forwarded, false);
  read = await load('whatsapp-b.html', 'whatsapp.js');
  const b = await read('#claim-1');
  assert.deepEqual([b.date, b.forwarded], ['2023-06-13T12:00:00.000Z', true]);
  // an ambiguous date follows the browser's locale (en-US here: month first)
  const ambiguous = await page.evaluate(() => {
    document.querySelector('#claim-2 [data-pre-plain-text]').setAttribute('data-pre-plain-text', '[9:20 pm, 6/12/2023] You: ');
    return globalThis.LeakLensSites.adapters.find((x) => x.id === 'whatsapp').read(document.querySelector('#claim-2 span.selectable-text')).date;
  });
  assert.equal(ambiguous, '2023-06-12T12:00:00.000Z');
});

test('News: the article with its headline, asides and teasers left out', async () => {
  const read = await load('news-article.html', 'news.js');
  const article = await read('#claim-1');
  assert.match(article.text, /^CoWIN data of vaccinated citizens exposed/);
  assert.doesNotMatch(article.text, /Also read/);
  assert.equal(article.date, '2023-06-12T05:30:00.000Z');
  assert.equal(await read('#teaser-1'), null);
});
