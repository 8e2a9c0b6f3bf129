import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function register(page: Page, email: string) {
  await page.goto(`${inject('shopUrl')}/register`);
  await page.locator('input[name="name"]').fill('瀏覽器買家');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="phone"]').fill('0912888777');
  await page.locator('input[name="password"]').fill('password123');
  await page.getByTestId('register-submit').click();
  await expect.poll(() => page.getByTestId('viewer-name').textContent()).toContain('瀏覽器買家');
}

/** Adds one unit of the product's first `types` ticket types to the cart. */
async function addTicketTypes(page: Page, title: string, types: number) {
  await page.goto(inject('shopUrl'));
  await page.getByTestId('product-card').filter({ hasText: title }).first().click();
  const rows = page.getByTestId('variant-row');
  await rows.first().waitFor();
  for (let i = 0; i < types; i++) await rows.nth(i).getByTestId('variant-qty-plus').click();
  await page.getByTestId('add-to-cart').click();
}

async function fillCheckout(page: Page) {
  await page.locator('input[name="recipientName"]').fill('瀏覽器買家');
  await page.locator('input[name="recipientPhone"]').fill('0912888777');
  await page.locator('input[name="cardNumber"]').fill('4242 4242 4242 4242');
  await page.locator('input[name="cardExpiry"]').fill('12/30');
  await page.locator('input[name="cardCvc"]').fill('123');
  await page.locator('input[name="cardName"]').fill('BROWSER BUYER');
}

describe('buying e-tickets in the shop, in Chromium', () => {
  it('K2/T3: a shopper registers, buys two ticket types (refused first without the terms), and sees the QR codes in My e-ticket orders', async () => {
    const { page, context } = await newPage(browser);
    await register(page, `buyer-${Date.now()}@example.com`);
    await addTicketTypes(page, '夏日爵士音樂會', 2);
    await page.goto(`${inject('shopUrl')}/cart`);
    await page.getByTestId('checkout-ticket').click();
    await fillCheckout(page);
    // terms not ticked: the server refuses (K2) and the page says so
    await page.getByTestId('checkout-submit').click();
    await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('請閱讀並同意電子票券注意事項');
    await page.locator('input[name="acceptTicketTerms"]').check();
    await page.getByTestId('checkout-submit').click();
    await page.getByTestId('order-number').waitFor();
    const orderNumber = (await page.getByTestId('order-number').textContent())!.trim();
    expect(orderNumber).toMatch(/T\d{8}-\d{6}/);

    await page.getByTestId('nav-account-orders').click();
    await page.getByTestId('order-row').filter({ hasText: orderNumber }).first().click();
    const codes = page.getByTestId('ticket-code');
    await expect.poll(() => codes.count()).toBe(2);
    const code = await codes.first().getAttribute('data-code');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    await page.getByTestId('show-qr').first().click();
    const qr = page.getByTestId('qr-image');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await screenshot(page, 'shop-order-qr');
    await context.close();
  });
});
