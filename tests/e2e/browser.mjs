// Shared set-up for end-to-end tests: Debian's Chromium with the unpacked extension loaded,
// and local fixture pages served under real X/Twitter URLs (no network is used).
// service-worker requests are reported too (the extension must make none)
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXTENSION_DIR = resolve('dist/chrome');
export const STRICT_CSP = "script-src 'self'; object-src 'none'";

export async function launchWithExtension() {
  const profile = mkdtempSync(join(tmpdir(), 'leaklens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const requests = recordRequests(context);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, worker, close, requests };
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

/** Every request the browser makes from now on (pages and the extension's service worker). */
export function recordRequests(context) {
  const urls = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}
