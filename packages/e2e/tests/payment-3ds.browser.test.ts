import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, tokenFor } from '../src/api.js';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

/**
 * P3-P5, K5 on the card simulator, in Chromium: the shop sends the shopper to the bank's 3-D Secure page
 * (the simulator's, served by the API through the shop's origin), the bank's answer comes back by the
 * shopper's return, the notification, or reconciliation, and the order page shows the wait and the result.
 */

const SHOPPER = { email: 'shopper@example.com', password: 'shopper1234' };
/** 手沖咖啡入門課, 單堂: a ticket type with stock (40) and no purchase limit. */
const PRODUCT = '手沖咖啡入門課';
const CARD_3DS = '4000 0000 0000 3220';

let browser: Browser;

/** The two stacks: the suite's (notifications delivered) and the one whose simulator drops them. */
const stacks = () => ({
  main: { api: inject('apiUrl'), shop: inject('shopUrl') },
  drop: { api: inject('dropApiUrl'), shop: inject('dropShopUrl') },
});
type Stack = ReturnType<typeof stacks>['main'];

/** One sign-in per account and API for the whole file (sign-ins are counted and limited). */
const tokens = new Map<string, Promise<string>>();
function token(api: string, who: 'admin' | 'shopper'): Promise<string> {
  const key = `${api} ${who}`;
  if (!tokens.has(key)) tokens.set(key, who === 'admin' ? tokenFor('admin@example.com', 'admin1234', api) : tokenFor(SHOPPER.email, SHOPPER.password, api));
  return tokens.get(key)!;
}

/** Moves a server's clock (an admin's mutation); its sweeps (expiry, reconciliation) run at once. */
const setClock = async (now: Date, api: string) =>
  gql(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: now.toISOString() }, await token(api, 'admin'), api);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  const { main, drop } = stacks();
  await Promise.all([setClock(new Date(), main.api), setClock(new Date(), drop.api)]);
});
afterAll(async () => {
  await browser?.close();
});

/** The ticket type bought here and its stock as the API says now. */
async function stock(api: string): Promise<{ variantId: string; available: number }> {
  const data = await gql(`{ products(kind: TICKET, first: 20) { edges { node { title variants { id stockAvailable } } } } }`, {}, undefined, api);
  const product = data.products.edges.map((e: any) => e.node).find((p: any) => p.title.includes(PRODUCT));
  return { variantId: product.variants[0].id, available: product.variants[0].stockAvailable };
}

/** The order as its buyer reads it through the API. */
async function orderState(api: string, id: string) {
  const data = await gql(
    `query($id: ID!) { order(id: $id) { id status lines { codes { code quantity } } payment { cardLastFour threeDomainSecure lateRefundReference } } }`,
    { id },
    await token(api, 'shopper'),
    api,
  );
  return data.order as { id: string; status: string; lines: { codes: { code: string; quantity: number }[] }[]; payment: { cardLastFour: string | null; threeDomainSecure: boolean; lateRefundReference: string | null } | null };
}

/** The shopper's newest order (the one just placed). */
async function newestOrderId(api: string): Promise<string> {
  const data = await gql(`{ myOrders(first: 1) { edges { node { id } } } }`, {}, await token(api, 'shopper'), api);
  return data.myOrders.edges[0].node.id;
}

async function signedIn(stack: Stack): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(browser);
  await page.goto(`${stack.shop}/login`);
  await page.locator('input[name="email"]').fill(SHOPPER.email);
  await page.locator('input[name="password"]').fill(SHOPPER.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('viewer-name').waitFor();
  return { context, page };
}

/**
 * Puts one 單堂 in the cart and pays with the 3-D Secure test card, up to the press of the pay button.
 * `beforePay` runs just before (to watch the redirect).
 */
async function checkoutWith3ds(page: Page, stack: Stack, beforePay?: () => Promise<void>) {
  await page.goto(stack.shop);
  await page.getByTestId('product-card').filter({ hasText: PRODUCT }).first().click();
  const rows = page.getByTestId('variant-row');
  await rows.first().waitFor();
  await rows.first().getByTestId('variant-qty-plus').click();
  await page.getByTestId('add-to-cart').click();
  await page.goto(`${stack.shop}/cart`);
  await page.getByTestId('checkout-ticket').click();
  await page.locator('input[name="recipientName"]').fill('陳小美');
  await page.locator('input[name="recipientPhone"]').fill('0912345678');
  expect(await page.getByTestId('card-form').textContent()).toContain('4000 0000 0000 3220');
  await page.locator('input[name="cardNumber"]').fill(CARD_3DS);
  await page.locator('input[name="cardExpiry"]').fill('12/30');
  await page.locator('input[name="cardCvc"]').fill('123');
  await page.locator('input[name="cardName"]').fill('CHEN HSIAO MEI');
  await page.locator('input[name="acceptTicketTerms"]').check();
  await beforePay?.();
  await page.getByTestId('checkout-submit').click();
}

/** The simulator's bank page: the order and amount, and its two buttons. */
async function atBank(page: Page) {
  await page.waitForURL(/\/payments\/simulator\/3ds\/[^/]+$/);
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).toContain('3-D');
  expect(text).toContain('NT$ 1,500');
  return {
    approve: () => page.locator('button[name="answer"][value="approve"]').click(),
    decline: () => page.locator('button[name="answer"][value="decline"]').click(),
  };
}

const status = (page: Page) => page.getByTestId('order-status').getAttribute('data-status');

describe('3-D Secure with the card simulator, in Chromium', () => {
  it('P3/P4: approve at the bank: the shop says it is going to the bank, the order holds its stock meanwhile, and the waiting order page turns into PAID with a code', async () => {
    const { main } = stacks();
    const before = await stock(main.api);
    const { context, page } = await signedIn(main);

    // Hold the bank's page a second, and note what the shop shows while the browser leaves for it (a page
    // being left can't be asked: the note goes in sessionStorage, which the shop's origin keeps).
    await page.route('**/payments/simulator/3ds/**', async (route) => {
      if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1000));
      await route.continue();
    });
    await checkoutWith3ds(page, main, () =>
      page.evaluate(() => {
        new MutationObserver(() => {
          const shown = document.querySelector('[data-testid="checkout-redirecting"]');
          if (shown) sessionStorage.setItem('e2e.redirecting', shown.textContent ?? '');
        }).observe(document.body, { childList: true, subtree: true });
      }),
    );
    const bank = await atBank(page);
    await page.unroute('**/payments/simulator/3ds/**');
    await screenshot(page, 'bank-3ds-challenge');

    // P3: the order waits at the bank, holding its ticket (K5).
    const orderId = await newestOrderId(main.api);
    expect((await orderState(main.api, orderId)).status).toBe('PENDING_PAYMENT');
    expect((await stock(main.api)).available).toBe(before.available - 1);

    // The order page, open in another tab meanwhile: the waiting state.
    const watcher = await context.newPage();
    await watcher.goto(`${main.shop}/account/orders/${orderId}`);
    const waiting = watcher.getByTestId('payment-waiting');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('付款確認中…');
    expect(await status(watcher)).toBe('PENDING_PAYMENT');
    await screenshot(watcher, 'order-payment-waiting');

    await bank.approve();
    // Back from the bank (through the shop's /payments/simulator/return), on the order page: paid.
    await page.waitForURL(new RegExp(`/account/orders/${orderId}\\?from=bank$`));
    expect(await page.evaluate(() => sessionStorage.getItem('e2e.redirecting'))).toContain('正在前往銀行 3-D 驗證…');
    await expect.poll(() => status(page)).toBe('PAID');
    expect(await page.getByTestId('order-paid-now').textContent()).toContain('付款完成');
    expect(await page.getByTestId('ticket-code').first().getAttribute('data-code')).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(await page.getByTestId('payment-card').textContent()).toContain('•••• 3220');

    // The other tab was polling: its waiting state turned into the paid order by itself.
    await expect.poll(() => status(watcher), { timeout: 10_000 }).toBe('PAID');
    expect(await watcher.getByTestId('payment-waiting').count()).toBe(0);
    await watcher.getByTestId('ticket-code').first().waitFor();
    await screenshot(watcher, 'order-paid-after-3ds');

    const order = await orderState(main.api, orderId);
    expect(order.lines.map((l) => l.codes.length)).toEqual([1]);
    expect(order.payment).toMatchObject({ cardLastFour: '3220', threeDomainSecure: true });
    expect((await stock(main.api)).available).toBe(before.available - 1);
    await context.close();
  });

  it('P3/K5: decline at the bank: the order page says the payment failed, the stock is back at once, and "back to cart" offers the tickets again', async () => {
    const { main } = stacks();
    const before = await stock(main.api);
    const { context, page } = await signedIn(main);
    await checkoutWith3ds(page, main);
    const bank = await atBank(page);
    expect((await stock(main.api)).available).toBe(before.available - 1);

    await bank.decline();
    await page.waitForURL(/\/account\/orders\/[^/]+$/);
    const failed = page.getByTestId('payment-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('付款未成功');
    expect(await status(page)).toBe('PAYMENT_FAILED');
    expect(await page.getByTestId('ticket-code').count()).toBe(0);
    // P2: released at once, not after the hold.
    expect((await stock(main.api)).available).toBe(before.available);
    await screenshot(page, 'order-payment-failed');

    await failed.getByTestId('back-to-cart').click();
    await page.waitForURL(/\/cart$/);
    await expect.poll(() => page.getByTestId('cart-line').getAttribute('data-variant-id')).toBe(before.variantId);
    await context.close();
  });

  it('K5/P3: abandon the bank page: after the hold the order is EXPIRED, the page says so, and the stock returns', async () => {
    const { main } = stacks();
    const before = await stock(main.api);
    const { context, page } = await signedIn(main);
    await checkoutWith3ds(page, main);
    await atBank(page);
    const orderId = await newestOrderId(main.api);
    // The shopper leaves the bank's page for their orders, and waits.
    await page.goto(`${main.shop}/account/orders/${orderId}`);
    await page.getByTestId('payment-waiting').waitFor();
    expect((await stock(main.api)).available).toBe(before.available - 1);

    // The hold (15 minutes) passes: the expiry sweep releases the stock.
    await setClock(new Date(Date.now() + 16 * 60_000), main.api);
    await expect.poll(async () => (await orderState(main.api, orderId)).status, { timeout: 30_000 }).toBe('EXPIRED');
    expect((await stock(main.api)).available).toBe(before.available);
    // The open page, still polling, shows it.
    const expired = page.getByTestId('order-expired');
    await expired.waitFor({ timeout: 10_000 });
    expect(await expired.textContent()).toContain('訂單已逾時');
    expect(await page.getByTestId('payment-waiting').count()).toBe(0);
    await screenshot(page, 'order-expired');
    await context.close();
  });

  it('P5: approving at the bank after the order expired: the money is given back automatically and the order page says so', async () => {
    const { main } = stacks();
    const before = await stock(main.api);
    const { context, page } = await signedIn(main);
    await checkoutWith3ds(page, main);
    await atBank(page);
    const bankUrl = page.url();
    const orderId = await newestOrderId(main.api);

    await setClock(new Date(Date.now() + 16 * 60_000), main.api);
    await expect.poll(async () => (await orderState(main.api, orderId)).status, { timeout: 30_000 }).toBe('EXPIRED');
    expect((await stock(main.api)).available).toBe(before.available);

    // The shopper finishes at the bank anyway, long after.
    await page.goto(bankUrl);
    await (await atBank(page)).approve();
    await page.waitForURL(new RegExp(`/account/orders/${orderId}\\?from=bank$`));
    const late = page.getByTestId('late-payment-refund');
    await late.waitFor({ timeout: 15_000 });
    expect(await late.textContent()).toContain('自動全額退回');
    expect(await status(page)).toBe('EXPIRED');
    const order = await orderState(main.api, orderId);
    expect(order.payment?.lateRefundReference).toBeTruthy();
    expect(order.lines.map((l) => l.codes.length)).toEqual([0]);
    // The released ticket stays on sale: the late money does not take it back.
    expect((await stock(main.api)).available).toBe(before.available);
    await screenshot(page, 'order-expired-late-payment-refunded');
    await context.close();
  });

  it('P4: a lost bank notification (SIMULATOR_NOTIFY=drop) and a shopper who never comes back: reconciliation settles the order as PAID', async () => {
    const { drop } = stacks();
    const { context, page } = await signedIn(drop);
    // The shopper approves at the bank, then the browser is gone before it follows the way back.
    await page.route('**/payments/simulator/3ds/**', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch({ maxRedirects: 0 });
      expect(answer.status()).toBe(303);
      expect(answer.headers()['location']).toContain('/payments/simulator/return?order=');
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'closed' });
    });
    await checkoutWith3ds(page, drop);
    await (await atBank(page)).approve();
    await expect.poll(() => page.locator('body').textContent()).toBe('closed');
    await page.close();

    const orderId = await newestOrderId(drop.api);
    // No notification, no return: the order still waits (a few seconds on).
    await new Promise((r) => setTimeout(r, 3000));
    expect((await orderState(drop.api, orderId)).status).toBe('PENDING_PAYMENT');

    // A minute later the reconciliation sweep asks the gateway, which says approved.
    await setClock(new Date(Date.now() + 61_000), drop.api);
    await expect.poll(async () => (await orderState(drop.api, orderId)).status, { timeout: 30_000 }).toBe('PAID');
    const order = await orderState(drop.api, orderId);
    expect(order.lines.map((l) => l.codes.length)).toEqual([1]);
    expect(order.payment).toMatchObject({ cardLastFour: '3220', threeDomainSecure: true });

    // The shopper opens the order later: paid, with its code.
    const again = await context.newPage();
    again.setDefaultTimeout(15_000);
    await again.goto(`${drop.shop}/account/orders/${orderId}`);
    await expect.poll(() => status(again)).toBe('PAID');
    await again.getByTestId('ticket-code').first().waitFor();
    await context.close();
  });
});
