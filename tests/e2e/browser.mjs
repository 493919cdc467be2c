// Shared set-up for end-to-end tests: Debian's Chromium with the unpacked extension loaded,
// and local fixture pages served under real X/Twitter URLs (no network is used).
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXTENSION_DIR = resolve('dist/chrome');
export const STRICT_CSP = "script-src 'self'; object-src 'none'";

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

/** A test-only copy of the extension whose manifest lists `grant` (match patterns from its
 *  optional_host_permissions) as host_permissions, so that the browser grants them at install.
 *  Headless browsers cannot click a permission prompt; with the permission already granted,
 *  `chrome.permissions.request` resolves at once and every step after it is the product's own. */
function grantedCopy(grant) {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-granted-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, ...grant];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** Chromium with the unpacked extension. `netLog`: a file where Chromium logs every network
 *  request it makes, with its initiator (read it with `networkRequests` after `close`).
 *  `grant`: optional host permissions granted at install (see grantedCopy). */
export async function launchWithExtension({ netLog, grant } = {}) {
  const extension = grant?.length ? grantedCopy(grant) : EXTENSION_DIR;
  const profile = mkdtempSync(join(tmpdir(), 'leaklens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
      ...(netLog ? [`--log-net-log=${netLog}`] : [])],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    if (extension !== EXTENSION_DIR) rmSync(extension, { recursive: true, force: true });
  };
  return { context, worker, close };
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

/** Serve a script file at `url`. */
export async function serveFile(context, url, file) {
  const body = readFileSync(resolve(file), 'utf8');
  await context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body }),
  );
}

/** What a Chromium net log (written on close) saw: `jobs`, the requests that went to the
 *  network stack, each with its initiator ('not an origin' for the browser's own); `urls`,
 *  every URL in any event (requests answered by test routes never reach the network). */
export function networkRequests(netLog) {
  const log = JSON.parse(readFileSync(netLog, 'utf8'));
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const jobs = log.events
    .filter((e) => e.type === start && e.params?.url)
    .map((e) => ({ url: e.params.url, initiator: String(e.params.initiator) }));
  const urls = new Set(log.events.map((e) => e.params?.url).filter(Boolean));
  return { jobs, urls };
}

/** The URL of one of the extension's own pages (`popup/popup.html`, `options/options.html`). */
export function extensionUrl(browser, path) {
  return browser.worker.url().replace('background.js', path);
}

/** The toolbar popup, opened as a tab for `page`: the popup asks for the active tab of its
 *  window, so `page` is brought to the front before the popup's page loads in a tab behind it. */
export async function openPopup(browser, page) {
  const popup = await browser.context.newPage();
  await page.bringToFront();
  await popup.goto(extensionUrl(browser, 'popup/popup.html'));
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
