import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, tokenFor } from '../src/api.js';
import { buyTickets, codeState } from '../src/arrange.js';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

let browser: Browser;
/** Moving the test clock takes an admin. */
const setClock = async (now: Date) => gql(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: now.toISOString() }, await tokenFor('admin@example.com', 'admin1234'));
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await setClock(new Date());
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('viewer-name').waitFor();
}

describe('after the sale, in Chromium', () => {
  it('X1/X2: a shopper splits a code after the explanation and sees the new QR cards', async () => {
    const { order, codes } = await buyTickets([{ variant: 0, quantity: 3 }]);
    const { page, context } = await newPage(browser);
    await signIn(page, `${inject('shopUrl')}/login`, 'shopper@example.com', 'shopper1234');
    await page.goto(`${inject('shopUrl')}/account/orders/${order.id}`);
    await page.getByTestId('split-code').first().click();
    expect(await page.getByRole('dialog').textContent()).toMatch(/無法復原/);
    await page.getByTestId('split-confirm').click();
    const cards = page.getByTestId('split-card');
    await expect.poll(() => cards.count()).toBe(3);
    for (let i = 0; i < 3; i++) expect(await cards.nth(i).getAttribute('data-code')).toMatch(/^[2-9A-HJKMNP-Z]{25}$/);
    await screenshot(page, 'shop-split-cards');
    expect((await codeState(codes[0]!.code)).status).toBe('SPLIT');
    await context.close();
  });

  it('F6: an admin moves an order through returning and return review and refunds one code; the shopper sees it refunded', async () => {
    const { order, codes } = await buyTickets([
      { variant: 0, quantity: 2 },
      { variant: 1, quantity: 1 },
    ]);
    await setClock(new Date(Date.now() + 86400_000));
    const { page, context } = await newPage(browser);
    await signIn(page, `${inject('adminUrl')}/`, 'admin@example.com', 'admin1234');
    await page.goto(`${inject('adminUrl')}/orders/${order.id}`);
    await page.getByTestId('order-mark-returning').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('order-mark-review').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('order-refund').click();
    await page.locator(`[data-testid="refund-code-checkbox"][data-code="${codes[0]!.code}"]`).check();
    await expect.poll(() => page.getByTestId('refund-total').textContent()).toMatch(/\d/);
    await page.getByTestId('refund-confirm').click();
    await expect.poll(async () => (await codeState(codes[0]!.code)).status).toBe('REFUNDED');
    expect((await codeState(codes[1]!.code)).status).toBe('ACTIVE');
    await screenshot(page, 'admin-refund-done');
    await context.close();

    const shopper = await newPage(browser);
    await signIn(shopper.page, `${inject('shopUrl')}/login`, 'shopper@example.com', 'shopper1234');
    await shopper.page.goto(`${inject('shopUrl')}/account/orders/${order.id}`);
    const card = (code: string) => shopper.page.getByTestId('ticket-code-card').filter({ has: shopper.page.locator(`[data-testid="ticket-code"][data-code="${code}"]`) });
    await expect.poll(() => card(codes[0]!.code).getAttribute('data-status')).toBe('REFUNDED');
    expect(await card(codes[0]!.code).textContent()).toMatch(/已退款/);
    expect(await card(codes[1]!.code).getAttribute('data-status')).toBe('ACTIVE');
    await expect.poll(() => shopper.page.getByTestId('refund-code').first().getAttribute('data-code')).toBe(codes[0]!.code);
    await shopper.context.close();
  });
});
