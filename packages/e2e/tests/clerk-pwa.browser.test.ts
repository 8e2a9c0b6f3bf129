import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

/**
 * Issue 13.3 in Chromium: the clerk app meets the install criteria (a valid manifest linked from the page,
 * icons that are real PNGs of their stated size, a service worker active and controlling the page) and
 * precaches its shell without caching the API.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function signedIn(page: Page) {
  await page.goto(`${inject('clerkUrl')}/redeem`);
  await page.locator('input[name="email"]').fill('clerk@example.com');
  await page.locator('input[name="password"]').fill('clerk1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('redeem-code').waitFor();
}

describe('issue 13.3: the clerk app is an installable PWA', () => {
  it('B4: the manifest is linked and valid: zh-TW name, short name, 192 and 512 PNG icons, standalone, start_url /', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${inject('clerkUrl')}/login`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const response = await page.request.get(new URL(href!, inject('clerkUrl')).href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/application\/manifest\+json/);
    const manifest = await response.json();
    expect(manifest).toMatchObject({ name: '電子票券核銷', short_name: '核銷', start_url: '/', scope: '/', display: 'standalone', theme_color: '#0ca678', lang: 'zh-Hant-TW' });
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i: { sizes: string; purpose?: string }) => i.sizes === `${size}x${size}` && (i.purpose ?? 'any').includes('any'));
      expect(icon, `${size} icon`).toMatchObject({ type: 'image/png' });
      const image = await page.request.get(new URL(icon.src, inject('clerkUrl')).href);
      expect(image.status()).toBe(200);
      expect(pngSize(await image.body())).toEqual({ width: size, height: size });
    }
    // Chromium's own reading of the manifest and its installability checks.
    const cdp = await context.newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest');
    expect(parsed.errors).toEqual([]);
    expect(parsed.url).toBe(new URL('/manifest.webmanifest', inject('clerkUrl')).href);
    await context.close();
  });

  it('B4: a service worker is active and controls the page; it precaches the app shell and caches nothing of /graphql; Chromium reports no installability error', async () => {
    const { page, context } = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await signedIn(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, state: registration.active?.state, script: registration.active?.scriptURL, controller: navigator.serviceWorker.controller?.scriptURL };
    });
    expect(worker).toEqual({
      scope: `${inject('clerkUrl')}/`,
      state: 'activated',
      script: `${inject('clerkUrl')}/sw.js`,
      controller: `${inject('clerkUrl')}/sw.js`,
    });

    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached).toContain('/index.html');
    expect(cached.some((u) => /^\/assets\/index-.*\.js$/.test(u))).toBe(true);
    expect(cached.some((u) => /^\/assets\/CameraScanner-.*\.js$/.test(u))).toBe(true);
    expect(cached.filter((u) => u.startsWith('/graphql'))).toEqual([]);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's browser contexts are incognito profiles, where Chromium never offers to install: the
    // one error that is about the test's browser, not the app.
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);

    // Controlled: a navigation to any route of the app is answered by the worker (index.html).
    const navigation = await page.goto(`${inject('clerkUrl')}/redemptions`);
    expect(navigation?.fromServiceWorker()).toBe(true);
    await page.getByTestId('search-submit').waitFor();
    await screenshot(page, 'clerk-pwa-controlled');
    await context.close();
  });
});
