// Shared set-up for end-to-end tests: Debian's Chromium with the unpacked extension loaded,
// and local fixture pages served under real X/Twitter URLs (no network is used).
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
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, worker, close };
}

/** Serve `fixture` (a file in tests/fixtures) at `url`, optionally with a CSP header. */
export async function serveFixture(context, url, fixture, { csp } = {}) {
  const body = readFileSync(resolve('tests/fixtures', fixture), 'utf8');
  const headers = csp ? { 'content-security-policy': csp } : {};
  await context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body }),
  );
}
