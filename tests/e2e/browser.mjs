// Shared set-up for end-to-end tests: a browser with the unpacked extension loaded, and local
// fixture pages served under real X/Twitter URLs (no network is used).
// - Chromium (Debian's) through Playwright, with dist/chrome loaded;
// - Firefox ESR through puppeteer-core over WebDriver BiDi, with dist/firefox installed as a
//   temporary add-on, behind a small adapter that offers the part of Playwright's page,
//   locator and context API these tests use (see `FirefoxContext`).
// Which browser: `launchWithExtension({ browser })`, else LEAKLENS_BROWSER (chromium|firefox).
// `make test-e2e` runs the extension tests once per browser, plus a 390 px run.
import { chromium } from 'playwright-core';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BROWSER = process.env.LEAKLENS_BROWSER || 'chromium';
export const EXTENSION_DIRS = { chromium: resolve('dist/chrome'), firefox: resolve('dist/firefox') };
export const EXTENSION_DIR = EXTENSION_DIRS.chromium;
export const STRICT_CSP = "script-src 'self'; object-src 'none'";
/** LEAKLENS_VIEWPORT=390x844: every page of the run gets that viewport (the narrow run). */
export const VIEWPORT = (() => {
  const m = /^(\d+)x(\d+)$/.exec(process.env.LEAKLENS_VIEWPORT ?? '');
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
})();

/** Where a test writes a screenshot: tests/artifacts/NAME for the default Chromium run,
 *  tests/artifacts/firefox/NAME (or .../firefox-390/NAME for the narrow run) otherwise. */
export function artifact(name, browser = BROWSER) {
  const run = browser === 'chromium' && !VIEWPORT ? '' : `${browser}${VIEWPORT ? `-${VIEWPORT.width}` : ''}`;
  const dir = join('tests/artifacts', run);
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Flags for Debian's Chromium as root on a machine without network. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const FIREFOX_ADDON_ID = 'leaklens@leaklens-extension';
// a fixed internal UUID, so the extension's pages have a known moz-extension:// origin
const FIREFOX_ADDON_UUID = '6c0e4c52-1a7e-4c55-9d0e-1eaf5e5e0a15';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.png': 'image/png' };

/** Serve the files of `dir` under `origin` (static files only, like `make demo`). */
export async function serveDirectory(context, origin, dir) {
  await context.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname.replace(/\/$/, '/index.html');
    const file = resolve(dir, `.${decodeURIComponent(path)}`);
    if (!file.startsWith(resolve(dir))) return route.fulfill({ status: 403 });
    try {
      const ext = file.slice(file.lastIndexOf('.'));
      return route.fulfill({ status: 200, contentType: TYPES[ext] ?? 'application/octet-stream', body: readFileSync(file) });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
}

/** A test-only copy of an unpacked extension whose manifest lists `grant` (match patterns from
 *  its optional_host_permissions) as host_permissions, so that the browser grants them at
 *  install. Headless browsers cannot click a permission prompt; with the permission already
 *  granted, `chrome.permissions.request` resolves at once and every step after it is the
 *  product's own. */
function grantedCopy(dir, grant) {
  const copy = mkdtempSync(join(tmpdir(), 'leaklens-granted-'));
  cpSync(dir, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, ...grant];
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return copy;
}

/**
 * A browser with the unpacked extension: `{ name, context, worker, close, extensionUrl }`.
 * `context.newPage()` gives Playwright-like pages in both browsers; `worker.evaluate(fn, arg)`
 * runs `fn` in the extension (Chromium: its service worker; Firefox: an extension page, where
 * `globalThis.LeakLensBackground` is the background page's); `extensionUrl(path)` is the URL of
 * an extension file. `netLog`: a file where the network requests the browser made are logged
 * (read it with `networkRequests` after `close`). `grant`: optional host permissions granted
 * at install (see grantedCopy).
 */
export async function launchWithExtension({ browser = BROWSER, netLog, grant } = {}) {
  if (browser === 'firefox') return launchFirefox({ netLog, grant });
  if (browser !== 'chromium') throw new Error(`LEAKLENS_BROWSER: unknown browser ${browser}`);
  const extension = grant?.length ? grantedCopy(EXTENSION_DIR, grant) : EXTENSION_DIR;
  const profile = mkdtempSync(join(tmpdir(), 'leaklens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    ...(VIEWPORT ? { viewport: VIEWPORT } : {}),
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
      ...(netLog ? [`--log-net-log=${netLog}`] : [])],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    if (extension !== EXTENSION_DIR) rmSync(extension, { recursive: true, force: true });
  };
  const extensionUrl = (path) => worker.url().replace('background.js', path);
  /** Open an extension page (popup, options) in a tab. */
  const openExtensionPage = async (path) => {
    const page = await context.newPage();
    await page.goto(extensionUrl(path));
    return page;
  };
  return { name: 'chromium', context, worker, close, extensionUrl, openExtensionPage };
}

/** Serve `fixture` (a file in tests/fixtures, or the HTML itself with `inline`) at `url`,
 *  optionally with a CSP header. */
export async function serveFixture(context, url, fixture, { csp, inline = false } = {}) {
  const body = inline ? fixture : readFileSync(resolve('tests/fixtures', fixture), 'utf8');
  const headers = csp ? { 'content-security-policy': csp } : {};
  await context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body }),
  );
}

/** The toolbar popup, opened as a tab for `page` (Chromium): the popup asks for the active tab
 *  of its window, so `page` is brought to the front before the popup's page loads in a tab
 *  behind it. */
export async function openPopup(browser, page) {
  const popup = await browser.context.newPage();
  await page.bringToFront();
  await popup.goto(browser.extensionUrl('popup/popup.html'));
  return popup;
}

/** Serve a site fixture (tests/fixtures/sites/NAME) at `url`, with the fixture helpers it loads
 *  (/leaklens-fixture/*.js) on the same origin, under a strict CSP. */
export async function serveSiteFixture(context, url, fixture) {
  await serveFixture(context, url, `sites/${fixture}`, { csp: STRICT_CSP });
  const origin = new URL(url).origin;
  await context.route(`${origin}/leaklens-fixture/*.js`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8',
      body: readFileSync(resolve('tests/fixtures/sites', name), 'utf8') });
  });
}

/** Serve a script file at `url`. */
export async function serveFile(context, url, file) {
  const body = readFileSync(resolve(file), 'utf8');
  await context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body }),
  );
}

/** What the browser's network log saw: `jobs`, the requests that went to the network, each
 *  with its initiator ('not an origin' for the browser's own; Firefox's log cannot tell, so
 *  its requests other than to Mozilla's services carry 'unknown'); `urls`, every URL seen (requests answered by test routes
 *  never reach the network). */
export function networkRequests(netLog) {
  const log = JSON.parse(readFileSync(netLog, 'utf8'));
  if (log.firefox) return { jobs: log.jobs, urls: new Set(log.urls) };
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const jobs = log.events
    .filter((e) => e.type === start && e.params?.url)
    .map((e) => ({ url: e.params.url, initiator: String(e.params.initiator) }));
  const urls = new Set(log.events.map((e) => e.params?.url).filter(Boolean));
  return { jobs, urls };
}

// ---------------------------------------------------------------------------------------------
// Firefox: puppeteer-core over WebDriver BiDi, behind a Playwright-like adapter.

/** A local HTTP proxy that records (and refuses) every request Firefox sends to the network;
 *  requests the tests answer never reach it. */
async function recordingProxy() {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(req.url);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    seen.push(`https://${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: server.address().port, seen, close: () => new Promise((ok) => server.close(ok)) };
}

async function launchFirefox({ netLog, grant } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const proxy = netLog ? await recordingProxy() : null;
  const prefs = {
    'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_ADDON_UUID }),
    // the reader's UI language stays English whatever the machine's locale
    'intl.locale.requested': 'en-US',
    // Firefox fetches a site's favicon itself, outside the page (so no test route answers it):
    // off, so that the network log holds only what the pages and the extension ask for
    'browser.chrome.site_icons': false,
    'browser.chrome.favicons': false,
  };
  if (proxy) {
    Object.assign(prefs, {
      'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': proxy.port,
      'network.proxy.allow_hijacking_localhost': true, 'network.proxy.no_proxies_on': '',
    });
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access
    args: ['--remote-allow-system-access'],
    defaultViewport: VIEWPORT ?? { width: 1280, height: 720 },
    extraPrefsFirefox: prefs,
  });
  const extension = grant?.length ? grantedCopy(EXTENSION_DIRS.firefox, grant) : EXTENSION_DIRS.firefox;
  await browser.installExtension(extension);
  const origin = `moz-extension://${FIREFOX_ADDON_UUID}`;
  const context = new FirefoxContext(browser);
  if (proxy) {
    // the recorder records: a request no route answers reaches it
    const probe = await context.newPage();
    await probe.goto('http://netlog-probe.leaklens.test/').catch(() => {});
    await probe.close();
  }
  const extensionUrl = (path) => `${origin}/${path}`;
  const openExtensionPage = (path) => context.newExtensionPage(extensionUrl(path));
  let host = null; // an extension page where `worker.evaluate` runs
  const worker = {
    url: () => extensionUrl('background.js'),
    async evaluate(fn, arg) {
      host ??= await context.newExtensionPage(extensionUrl('options/options.html'), { hidden: true });
      // the background page's globals, as in Chromium's service worker
      await host.raw.evaluate(async () => {
        const bg = await browser.runtime.getBackgroundPage();
        globalThis.LeakLensBackground = bg.LeakLensBackground;
      });
      return host.raw.evaluate(fn, arg);
    },
  };
  const close = async () => {
    await browser.close();
    if (extension !== EXTENSION_DIRS.firefox) rmSync(extension, { recursive: true, force: true });
    if (proxy) {
      await proxy.close();
      // Firefox's own services (remote settings) are the browser's; anything else could be
      // the page's or the extension's
      const own = /^https?:\/\/[^/]*\.(mozilla\.(com|net|org)|firefox\.com)(:\d+)?(\/|$)/;
      const jobs = proxy.seen.filter((u) => !u.includes('netlog-probe.leaklens.test'))
        .map((url) => ({ url, initiator: own.test(url) ? 'not an origin' : 'unknown' }));
      writeFileSync(netLog, JSON.stringify({ firefox: true, jobs, urls: [...context.seenUrls, ...proxy.seen] }));
    }
  };
  return { name: 'firefox', context, worker, close, extensionUrl, openExtensionPage };
}

/** Playwright's URL glob: `**` any characters, `*` any but `/`. */
function globToRegExp(glob) {
  const re = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${re}$`);
}

class FirefoxContext {
  constructor(browser) {
    this.browser = browser;
    this.routes = [];
    this.seenUrls = new Set();
    this.pages = new Set();
  }

  /** Like Playwright's `context.route`: the last route added that matches answers. */
  async route(url, handler) {
    this.routes.push({ re: globToRegExp(url), handler });
  }

  async newPage() {
    const raw = await this.browser.newPage();
    await raw.setRequestInterception(true);
    raw.on('request', (req) => {
      if (req.isInterceptResolutionHandled()) return;
      this.seenUrls.add(req.url());
      const route = [...this.routes].reverse().find((r) => r.re.test(req.url()));
      if (!route) return req.continue();
      const request = { url: () => req.url() };
      return route.handler({
        request: () => request,
        fulfill: ({ status = 200, contentType, headers = {}, body = '' }) =>
          req.respond({ status, contentType, headers, body: typeof body === 'string' ? body : Buffer.from(body) }),
      });
    });
    const page = new FirefoxPage(raw, this);
    this.pages.add(page);
    return page;
  }

  /** Open a moz-extension:// page. BiDi's navigation to it never reports its load
   *  (puppeteer#14314), so the load is awaited in the page itself. */
  async newExtensionPage(url, { hidden = false } = {}) {
    const raw = await this.browser.newPage();
    raw.goto(url).catch(() => {});
    // polled from here: a wait inside the page can die with the navigation it waits for
    const deadline = Date.now() + 15_000;
    for (;;) {
      const loaded = await raw.evaluate((u) => location.href === u && document.readyState === 'complete', url)
        .catch(() => false);
      if (loaded) break;
      if (Date.now() > deadline) throw new Error(`the extension page did not load: ${url}`);
      await sleep(50);
    }
    const page = new FirefoxPage(raw, this);
    if (!hidden) this.pages.add(page);
    return page;
  }

  async close() {
    await this.browser.close();
  }
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

class FirefoxPage {
  constructor(raw, context) {
    this.raw = raw;
    this.context = context;
    this.keyboard = raw.keyboard;
    this.mouse = raw.mouse;
  }

  goto(url) { return this.raw.goto(url); }
  url() { return this.raw.url(); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  waitForFunction(fn, arg, { timeout = 30_000 } = {}) {
    return this.raw.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }
  waitForTimeout(ms) { return sleep(ms); }
  setContent(html) { return this.raw.setContent(html); }
  addScriptTag(options) { return this.raw.addScriptTag(options); }
  setViewportSize({ width, height }) { return this.raw.setViewport({ width, height }); }
  screenshot(options) { return this.raw.screenshot(options); }
  on(event, handler) { this.raw.on(event, handler); return this; }
  click(selector) { return this.locator(selector).click(); }
  async check(selector) {
    await this.locator(selector).waitFor();
    if (!(await this.raw.$eval(selector, (el) => el.checked))) await this.locator(selector).click();
  }
  async selectOption(selector, value) {
    await this.locator(selector).waitFor();
    return this.raw.select(selector, value);
  }
  locator(selector, options) { return new FirefoxLocator(this, [{ selector, hasText: options?.hasText }]); }
  /** Every text and attribute value inside the first element `selector` finds, closed shadow
   *  roots included (WebDriver BiDi serializes them with includeShadowTree "all"; Chromium's
   *  tests read them through the DevTools protocol), one per line. */
  async piercedText(selector) {
    const answer = await this.raw.browser().connection.send('script.callFunction', {
      functionDeclaration: `(s) => document.querySelector(s)`,
      arguments: [{ type: 'string', value: selector }],
      target: { context: this.raw.mainFrame()._id },
      awaitPromise: false,
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: null },
    });
    const result = answer?.result?.result;
    if (result?.type !== 'node') return null;
    const out = [];
    const walk = (node) => {
      const v = node?.value ?? {};
      if (v.nodeType === 3 && v.nodeValue) out.push(v.nodeValue);
      out.push(...Object.values(v.attributes ?? {}));
      for (const child of v.children ?? []) walk(child);
      if (v.shadowRoot) walk(v.shadowRoot);
    };
    walk(result);
    return out.join('\n');
  }
  async close() {
    this.context.pages.delete(this);
    await this.raw.close();
  }
}

/** Runs in the page: the elements a locator's chain finds. */
function findElements(chain) {
  let found = [document];
  for (const { selector, hasText } of chain) {
    found = found.flatMap((root) => [...root.querySelectorAll(selector)]);
    if (hasText) {
      const re = typeof hasText === 'string' ? null : new RegExp(hasText.source, hasText.flags);
      found = found.filter((el) => (re ? re.test(el.textContent) : el.textContent.includes(hasText)));
    }
  }
  return found;
}
const FIND = findElements.toString();

/** A lazy element query, like Playwright's locator: a chain of CSS selectors (each searched
 *  within the elements the previous one found), optionally filtered by text. */
class FirefoxLocator {
  constructor(page, chain) {
    this.page = page;
    this.chain = chain;
  }

  locator(selector, options) {
    return new FirefoxLocator(this.page, [...this.chain, { selector, hasText: options?.hasText }]);
  }

  serialChain() {
    return this.chain.map(({ selector, hasText }) => ({
      selector,
      hasText: hasText instanceof RegExp ? { source: hasText.source, flags: hasText.flags } : hasText,
    }));
  }

  async run(fn, arg) {
    return this.page.raw.evaluate(new Function('chain', 'arg', `
      const find = (${FIND});
      const el = find(chain)[0] ?? null;
      return (${fn.toString()})(el, arg, find(chain));`), this.serialChain(), arg);
  }

  async waitFor({ timeout = 30_000, state = 'visible' } = {}) {
    await this.page.raw.waitForFunction(new Function('chain', 'state', `
      const find = (${FIND});
      const els = find(chain);
      if (state === 'detached') return els.length === 0;
      if (state === 'attached') return els.length > 0;
      return els.some((el) => el.getClientRects().length > 0);`), { timeout, polling: 50 }, this.serialChain(), state);
  }

  async handle() {
    await this.waitFor({ state: 'attached' });
    const handle = await this.page.raw.evaluateHandle(new Function('chain', `
      const find = (${FIND}); return find(chain)[0];`), this.serialChain());
    return handle.asElement();
  }

  count() { return this.run((_, __, all) => all.length); }
  async getAttribute(name) {
    await this.waitFor({ state: 'attached' });
    return this.run((el, n) => el.getAttribute(n), name);
  }
  async textContent() {
    await this.waitFor({ state: 'attached' });
    return this.run((el) => el.textContent);
  }
  async boundingBox() {
    return this.run((el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
    });
  }
  async focus() {
    await this.waitFor({ state: 'attached' });
    await this.run((el) => el.focus());
  }
  async click({ position } = {}) {
    await this.waitFor();
    await this.run((el) => el.scrollIntoView({ block: 'center' }));
    const box = await this.run((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    const x = box.x + (position ? position.x : box.width / 2);
    const y = box.y + (position ? position.y : box.height / 2);
    await this.page.raw.mouse.click(x, y);
  }
  async screenshot(options) {
    const handle = await this.handle();
    return handle.screenshot(options);
  }
}

/** Run axe-core on a page (injected through the driver, so a page's CSP does not stop it);
 *  returns its serious and critical violations as readable lines. */
export async function seriousAxeViolations(page, options = {}) {
  const { createRequire } = await import('node:module');
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(`${source};void 0`);
  const result = await page.evaluate((opts) => globalThis.axe.run(document, opts), options);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
