// Shared set-up for end-to-end tests: Debian's Chromium with the unpacked extension loaded,
// and local fixture pages served under real X/Twitter URLs (no network is used).
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** Chromium with the unpacked extension. `netLog`: a file where Chromium logs every network
 *  request it makes, with its initiator (read it with `networkRequests` after `close`). */
export async function launchWithExtension({ netLog } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'leaklens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
      ...(netLog ? [`--log-net-log=${netLog}`] : [])],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
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
