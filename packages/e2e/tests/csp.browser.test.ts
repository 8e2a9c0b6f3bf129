import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buyTickets } from '../src/arrange.js';
import { launchBrowser, newPage, qrCameraFeed, readTicketWithCamera, screenshot } from '../src/browser.js';

/**
 * Issue 13.2: the three SPAs as the SPA server serves them (packages/server/src/common/http/spa-server.ts),
 * page after page in Chromium: not one Content-Security-Policy violation, and every script, stylesheet
 * and page arrived brotli-compressed.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Watch {
  /** Chromium's console reports and `securitypolicyviolation` events, with the page they happened on. */
  violations: string[];
  /** Scripts, stylesheets and pages fetched from the app: path, Content-Encoding, and the size of one sent as is. */
  served: { path: string; type: string; encoding: string | undefined; size?: number }[];
  inFlight: number;
}

/** Bytes under which brotli's framing outweighs what it saves (a 75-byte chunk stays 75 or grows). */
const TOO_SMALL_TO_COMPRESS = 150;

/** A page that records CSP violations (console and DOM event, in every frame) and how the app's files came. */
async function watchedPage(b: Browser, appUrl: string, options: { phone?: boolean } = {}) {
  const { page, context } = await newPage(b);
  if (options.phone) await page.setViewportSize({ width: 390, height: 844 });
  const watch: Watch = { violations: [], served: [], inFlight: 0 };
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes('Content Security Policy') || text.startsWith('securitypolicyviolation')) watch.violations.push(`${new URL(page.url()).pathname}: ${text}`);
  });
  const origin = new URL(appUrl).origin;
  page.on('request', () => watch.inFlight++);
  page.on('requestfinished', () => watch.inFlight--);
  page.on('requestfailed', () => watch.inFlight--);
  page.on('response', async (response) => {
    const url = new URL(response.url());
    const type = response.request().resourceType();
    if (url.origin !== origin || response.status() !== 200 || !['document', 'script', 'stylesheet'].includes(type)) return;
    const encoding = (await response.allHeaders())['content-encoding'];
    // Sent as is, the body is the file: its size says whether compressing it could have helped.
    watch.served.push({ path: url.pathname, type, encoding, size: encoding ? undefined : (await response.body()).length });
  });
  return { page, context, watch };
}

/** Until no request has been open for a moment: the page's queries and lazy chunks are in. */
async function settle(page: Page, watch: Watch) {
  await page.waitForLoadState('load');
  let quiet = 0;
  for (let i = 0; i < 100 && quiet < 3; i++) {
    await page.waitForTimeout(100);
    quiet = watch.inFlight <= 0 ? quiet + 1 : 0;
  }
}

/** GraphQL subscriptions will open a WebSocket to the page's own origin: the policy must let it. */
async function openSameOriginSocket(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        const done = () => resolve();
        socket.addEventListener('open', () => {
          socket.close();
          done();
        });
        socket.addEventListener('error', done);
        socket.addEventListener('close', done);
        setTimeout(done, 3000);
      }),
  );
}

async function signIn(page: Page, email: string, password: string) {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * No violation; some scripts, a stylesheet and a page seen, and every one of them as br but for files so
 * small that brotli can't make them smaller (the build writes no variant then).
 */
function expectCleanAndCompressed(watch: Watch) {
  expect(watch.violations).toEqual([]);
  const kinds = new Set(watch.served.map((s) => s.type));
  expect([...kinds].sort()).toEqual(['document', 'script', 'stylesheet']);
  expect(watch.served.filter((s) => s.encoding !== 'br' && !(s.encoding === undefined && s.size! < TOO_SMALL_TO_COMPRESS))).toEqual([]);
}

describe('issue 13.2: the SPAs pass their Content-Security-Policy in Chromium and arrive brotli-compressed', () => {
  it('shop: home, a product, the cart, checkout, my orders and an order with its QR code (a data: image)', async () => {
    const { order } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const shopUrl = inject('shopUrl');
    const { page, context, watch } = await watchedPage(browser, shopUrl);

    await page.goto(shopUrl);
    await page.getByTestId('product-card').first().waitFor();
    await settle(page, watch);
    await page.getByTestId('product-card').first().click();
    const rows = page.getByTestId('variant-row');
    await rows.first().waitFor();
    await settle(page, watch);
    await rows.first().getByTestId('variant-qty-plus').click();
    await page.getByTestId('add-to-cart').click();
    await page.getByTestId('nav-cart').click();
    await page.getByTestId('cart-line').first().waitFor();
    await settle(page, watch);

    // Checkout asks to sign in first, then shows the form.
    await page.getByTestId('checkout-ticket').click();
    await signIn(page, 'shopper@example.com', 'shopper1234');
    await page.getByTestId('checkout-submit').waitFor();
    await settle(page, watch);

    await page.getByTestId('nav-account-orders').click();
    await page.getByTestId('order-row').first().waitFor();
    await settle(page, watch);
    await page.goto(`${shopUrl}/account/orders/${order.id}`);
    await page.getByTestId('show-qr').first().click();
    expect(await page.getByTestId('qr-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await settle(page, watch);
    await openSameOriginSocket(page);
    await screenshot(page, 'csp-shop-order');

    expectCleanAndCompressed(watch);
    await context.close();
  });

  it('admin: every page of the menu, an order and a product', async () => {
    const { order, product } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const adminUrl = inject('adminUrl');
    const { page, context, watch } = await watchedPage(browser, adminUrl);
    await page.goto(adminUrl);
    await signIn(page, 'admin@example.com', 'admin1234');
    await page.getByTestId('viewer-name').waitFor();
    await settle(page, watch);

    // The menu as the admin sees it, so a page added later is visited too.
    const menu = await page.locator('a[data-testid^="nav-"]').evaluateAll((links) => links.map((a) => ({ testId: a.getAttribute('data-testid')!, path: new URL((a as HTMLAnchorElement).href).pathname })));
    expect(menu.length).toBeGreaterThanOrEqual(14);
    for (const entry of menu) {
      await page.getByTestId(entry.testId).click();
      await page.waitForURL((url) => url.pathname.startsWith(entry.path));
      await settle(page, watch);
      expect({ page: entry.path, violations: watch.violations }).toEqual({ page: entry.path, violations: [] });
    }
    await page.goto(`${adminUrl}/orders/${order.id}`);
    await settle(page, watch);
    await page.goto(`${adminUrl}/products/${product.id}`);
    await settle(page, watch);
    await openSameOriginSocket(page);
    await screenshot(page, 'csp-admin-product');

    expectCleanAndCompressed(watch);
    await context.close();
  });

  it('clerk: the redeem page, the redemption list, and the camera scanner reading a QR code', async () => {
    // Two units: the scanner shows the ticket to choose how many (a single unit would redeem on read).
    const { codes } = await buyTickets([{ variant: 0, quantity: 2 }]);
    const cameraBrowser = await launchBrowser({ cameraY4m: await qrCameraFeed(codes[0]!.qrUrl) });
    try {
      const clerkUrl = inject('clerkUrl');
      const { page, watch } = await watchedPage(cameraBrowser, clerkUrl, { phone: true });
      await page.goto(`${clerkUrl}/redeem`);
      await signIn(page, 'clerk@example.com', 'clerk1234');
      await page.getByTestId('redeem-code').waitFor();
      await settle(page, watch);

      await page.getByTestId('nav-redemptions').click();
      await page.getByTestId('search-submit').waitFor();
      await settle(page, watch);
      await page.getByTestId('nav-redeem').click();

      // The camera library loads only now (a lazy chunk), then decodes Chromium's fake camera.
      await readTicketWithCamera(page);
      expect(await page.getByTestId('redeem-code').inputValue()).toBe(codes[0]!.code);
      await settle(page, watch);
      await openSameOriginSocket(page);
      await screenshot(page, 'csp-clerk-camera');

      expectCleanAndCompressed(watch);
      // The camera library's chunk came too, compressed.
      expect(watch.served.filter((s) => s.type === 'script').length).toBeGreaterThanOrEqual(5);
    } finally {
      await cameraBrowser.close();
    }
  });
});
