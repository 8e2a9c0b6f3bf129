import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buyTickets } from '../src/arrange.js';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

/**
 * Issue 15.5: axe-core (through playwright-core) on every page of the three SPAs as built and served;
 * no serious or critical violation (WCAG 2.x A/AA and axe's best practices). Lesser findings are printed,
 * not failed. Then the forms that matter, completed with the keyboard alone (Tab, Shift+Tab, Space, Enter).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Until no request has been open for a moment (queries and lazy chunks in), and transitions are over. */
async function settle(page: Page) {
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(400);
}

/** Runs axe on the page as it is; returns the serious and critical violations, prints the others. */
async function audit(page: Page, name: string): Promise<Finding[]> {
  await settle(page);
  const results = await new AxeBuilder({ page }).analyze();
  const findings = results.violations.map((v) => ({
    page: name,
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1).join(' ').trim()})` : ''}`),
  }));
  for (const f of findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical')) console.log(`a11y (${f.impact}, not failed) ${f.page}: ${f.rule}: ${f.help}`);
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

async function signIn(page: Page, email: string, password: string) {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`: it is reachable by keyboard. */
async function tabTo(page: Page, selector: string, options: { back?: boolean; max?: number } = {}) {
  const { back = false, max = 80 } = options;
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`${selector} not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses (focus on ${focused})`);
}

/** Focuses a field by Tab and types into it, replacing what it held. */
async function typeInto(page: Page, selector: string, text: string, options: { back?: boolean } = {}) {
  await tabTo(page, selector, options);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** The findings as lines, printed as well (a long list is easier to read here than in the assertion's diff). */
function report(findings: Finding[]): string[] {
  const lines = findings.map((f) => `${f.page}: [${f.impact}] ${f.rule}: ${f.help}\n    ${f.nodes.join('\n    ')}`);
  if (lines.length) console.error(`axe: ${lines.length} serious or critical violation(s)\n${lines.join('\n')}`);
  return lines;
}

describe('issue 15.5: no serious or critical axe violation on any page of the three apps', () => {
  it('shop: home, a product (and the phone menu), the cart, sign-in, registration, 忘記密碼, checkout, my orders and an order', async () => {
    const { order } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const shopUrl = inject('shopUrl');
    const { page, context } = await newPage(browser);
    const findings: Finding[] = [];

    await page.goto(shopUrl);
    await page.getByTestId('product-card').first().waitFor();
    findings.push(...(await audit(page, 'shop /')));

    const productId = await page.getByTestId('product-card').first().getAttribute('data-product-id');
    await page.goto(`${shopUrl}/products/${productId}`);
    await page.getByTestId('variant-row').first().waitFor();
    await page.getByTestId('variant-qty-plus').first().click();
    await page.getByTestId('add-to-cart').click();
    await page.getByTestId('cart-notice').waitFor();
    findings.push(...(await audit(page, `shop /products/${productId}`)));

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('nav-menu').click();
    findings.push(...(await audit(page, `shop /products/${productId} (phone, menu open)`)));
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${shopUrl}/cart`);
    await page.getByTestId('cart-line').first().waitFor();
    findings.push(...(await audit(page, 'shop /cart')));

    for (const [path, ready] of [
      ['/login', 'login-submit'],
      ['/register', 'register-submit'],
      ['/forgot-password', 'reset-request-submit'],
    ] as const) {
      await page.goto(`${shopUrl}${path}`);
      await page.locator(`[data-testid="${ready}"], input[name="email"]`).first().waitFor();
      findings.push(...(await audit(page, `shop ${path}`)));
    }

    await page.goto(`${shopUrl}/login?redirect=${encodeURIComponent('/checkout/ticket')}`);
    await signIn(page, 'shopper@example.com', 'shopper1234');
    await page.getByTestId('checkout-submit').waitFor();
    findings.push(...(await audit(page, 'shop /checkout/ticket')));

    await page.goto(`${shopUrl}/account/orders`);
    await page.getByTestId('order-row').first().waitFor();
    findings.push(...(await audit(page, 'shop /account/orders')));

    await page.goto(`${shopUrl}/account/orders/${order.id}`);
    await page.getByTestId('ticket-code').first().waitFor();
    findings.push(...(await audit(page, 'shop /account/orders/:id')));
    await page.getByTestId('show-qr').first().click();
    await page.getByTestId('qr-image').waitFor();
    findings.push(...(await audit(page, 'shop /account/orders/:id (QR code open)')));

    await screenshot(page, 'a11y-shop-order');
    await context.close();
    expect(report(findings)).toEqual([]);
  });

  it('admin: sign-in, every page of the menu, an order and a product', async () => {
    const { order, product } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const adminUrl = inject('adminUrl');
    const { page, context } = await newPage(browser);
    const findings: Finding[] = [];

    await page.goto(`${adminUrl}/login`);
    await page.getByTestId('login-submit').waitFor();
    findings.push(...(await audit(page, 'admin /login')));
    await signIn(page, 'admin@example.com', 'admin1234');
    await page.getByTestId('viewer-name').waitFor();

    // The menu as the admin sees it, so a page added later is checked too.
    const menu = await page.locator('a[data-testid^="nav-"]').evaluateAll((links) => links.map((a) => ({ testId: a.getAttribute('data-testid')!, path: new URL((a as HTMLAnchorElement).href).pathname })));
    expect(menu.length).toBeGreaterThanOrEqual(14);
    for (const entry of menu) {
      await page.getByTestId(entry.testId).click();
      await page.waitForURL((url) => url.pathname.startsWith(entry.path));
      findings.push(...(await audit(page, `admin ${entry.path}`)));
      await screenshot(page, `a11y-admin${entry.path.replaceAll('/', '-')}`);
    }
    await page.goto(`${adminUrl}/orders/${order.id}`);
    await page.getByTestId('order-number').first().waitFor();
    findings.push(...(await audit(page, 'admin /orders/:id')));
    await page.goto(`${adminUrl}/products/${product.id}`);
    await page.getByTestId('product-save').waitFor();
    findings.push(...(await audit(page, 'admin /products/:id')));
    await page.goto(`${adminUrl}/products/new`);
    await page.getByTestId('product-save').waitFor();
    findings.push(...(await audit(page, 'admin /products/new')));

    await context.close();
    expect(report(findings)).toEqual([]);
  });

  it('clerk: sign-in, the redeem page (with a ticket looked up) and the redemption list', async () => {
    const { codes } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const clerkUrl = inject('clerkUrl');
    const { page, context } = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    const findings: Finding[] = [];

    await page.goto(`${clerkUrl}/redeem`);
    await page.getByTestId('login-submit').waitFor();
    findings.push(...(await audit(page, 'clerk /login')));
    await signIn(page, 'clerk@example.com', 'clerk1234');
    await page.getByTestId('redeem-code').waitFor();
    findings.push(...(await audit(page, 'clerk /redeem')));
    await page.getByTestId('redeem-code').fill(codes[0]!.code);
    await page.getByTestId('redeem-code').press('Enter');
    await page.getByTestId('ticket-card').waitFor();
    findings.push(...(await audit(page, 'clerk /redeem (ticket shown)')));

    await page.getByTestId('nav-redemptions').click();
    await page.getByTestId('search-submit').waitFor();
    findings.push(...(await audit(page, 'clerk /redemptions')));

    await context.close();
    expect(report(findings)).toEqual([]);
  });
});

describe('issue 15.5: the forms can be completed with the keyboard alone', () => {
  it('shop: a product into the cart, sign-in and the checkout form, to a paid order, by Tab, Shift+Tab, Space and Enter', async () => {
    const shopUrl = inject('shopUrl');
    const { page, context } = await newPage(browser);
    await page.goto(shopUrl);
    await page.getByTestId('product-card').first().waitFor();
    const productId = await page.locator('[data-testid="catalog-tickets"] [data-testid="product-card"]').first().getAttribute('data-product-id');
    await page.goto(`${shopUrl}/products/${productId}`);
    await page.getByTestId('variant-row').first().waitFor();

    // One of the first ticket type on sale, then 加入購物車, then 查看購物車.
    await tabTo(page, '[data-state="onSale"] [data-testid="variant-qty-plus"]');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="add-to-cart"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-notice').waitFor();
    await tabTo(page, '[data-testid="cart-notice"] a');
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-line').first().waitFor();

    // 結帳 leads to sign-in first (K6), then back to the form.
    await tabTo(page, '[data-testid="checkout-ticket"]');
    await page.keyboard.press('Enter');
    await page.locator('input[name="email"]').waitFor();
    await typeInto(page, 'input[name="email"]', 'shopper@example.com');
    await typeInto(page, 'input[name="password"]', 'shopper1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('checkout-submit').waitFor();

    await typeInto(page, 'input[name="recipientName"]', '鍵盤買家');
    await typeInto(page, 'input[name="recipientPhone"]', '0912777666');
    await typeInto(page, 'input[name="cardNumber"]', '4242 4242 4242 4242');
    await typeInto(page, 'input[name="cardExpiry"]', '12/30');
    await typeInto(page, 'input[name="cardCvc"]', '123');
    await typeInto(page, 'input[name="cardName"]', 'KEYBOARD BUYER');
    // The terms box sits above the card fields: back with Shift+Tab, tick it with Space.
    await tabTo(page, 'input[name="acceptTicketTerms"]', { back: true });
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="acceptTicketTerms"]').isChecked()).toBe(true);
    await tabTo(page, '[data-testid="checkout-submit"]');
    await page.keyboard.press('Enter');

    await page.getByTestId('order-number').waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('order-number').textContent())!.trim()).toMatch(/T\d{8}-\d{6}/);
    await screenshot(page, 'a11y-keyboard-checkout');
    await context.close();
  });

  it('admin: a new ticket product with two ticket types, saved, by Tab, Shift+Tab, Space and Enter', async () => {
    const adminUrl = inject('adminUrl');
    const { page, context } = await newPage(browser);
    await page.goto(`${adminUrl}/login`);
    await page.locator('input[name="email"]').waitFor();
    await typeInto(page, 'input[name="email"]', 'admin@example.com');
    await typeInto(page, 'input[name="password"]', 'admin1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('viewer-name').waitFor();

    await page.goto(`${adminUrl}/products/new`);
    await page.getByTestId('product-save').waitFor();
    const title = `鍵盤建立的票券 ${Date.now()}`;
    await typeInto(page, '[name="title"]', title);
    await typeInto(page, '[name="terms"]', '憑 QR code 入場，逾期失效。');
    await typeInto(page, '[name="variants.0.name"]', '早鳥票');
    await typeInto(page, '[name="variants.0.price"]', '800');
    await tabTo(page, '[data-testid="variant-add"]');
    await page.keyboard.press('Space');
    await page.locator('[name="variants.1.name"]').waitFor();
    await typeInto(page, '[name="variants.1.name"]', '全票');
    await typeInto(page, '[name="variants.1.price"]', '1200');
    // Back up to the first ticket type's stock with Shift+Tab.
    await typeInto(page, '[name="variants.0.stock"]', '100', { back: true });
    await tabTo(page, '[data-testid="product-save"]');
    await page.keyboard.press('Enter');

    // Saved: back on the product list, which shows it.
    await page.waitForURL((url) => url.pathname === '/products', { timeout: 30_000 });
    await page.getByText(title).first().waitFor();
    await screenshot(page, 'a11y-keyboard-product');
    await context.close();
  });
});
