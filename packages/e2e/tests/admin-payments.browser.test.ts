import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, tokenFor } from '../src/api.js';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page) {
  await page.goto(`${inject('adminUrl')}/`);
  await page.locator('input[name="email"]').fill('admin@example.com');
  await page.locator('input[name="password"]').fill('admin1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('viewer-name').waitFor();
}

/** The demo shopper checks out one ticket with the simulator's 3-D Secure card: the order waits for them. */
async function checkoutWith3ds() {
  const shopper = await tokenFor('shopper@example.com', 'shopper1234');
  const admin = await tokenFor('admin@example.com', 'admin1234');
  const groups = await gql(`{ purchaseLimitGroups { variants { id } } }`, {}, admin);
  const limited = new Set<string>(groups.purchaseLimitGroups.flatMap((g: any) => g.variants.map((v: any) => v.id)));
  const products = await gql(`{ products(kind: TICKET, first: 20) { edges { node { id variants { id stockAvailable } } } } }`);
  const variant = products.products.edges
    .flatMap((e: any) => e.node.variants)
    .find((v: any) => !limited.has(v.id) && (v.stockAvailable == null || v.stockAvailable > 10));
  if (!variant) throw new Error('no unlimited ticket type in the demo catalog');
  const data = await gql(
    `mutation($i: CheckoutCompleteInput!) { checkoutComplete(input: $i) { order { id number status total } nextAction { redirectUrl } errors { code message } } }`,
    {
      i: {
        lines: [{ variantId: variant.id, quantity: 1 }],
        acceptTicketTerms: true,
        recipient: { name: '金流測試', phone: '0912345678' },
        payment: { method: 'CREDIT_CARD', installments: 1, cardToken: 'tok_3ds' },
        idempotencyKey: randomUUID(),
      },
    },
    shopper,
  );
  if (data.checkoutComplete.errors.length) throw new Error(JSON.stringify(data.checkoutComplete.errors));
  return data.checkoutComplete as { order: { id: string; number: string; status: string; total: number }; nextAction: { redirectUrl: string } };
}

describe('the admin sees payments, in Chromium', () => {
  it('P3/P4/B6: a 3-D Secure order waits on its page; once approved it shows the payment and the notification, and 金流對帳 lists it in agreement and exports it', async () => {
    const { order, nextAction } = await checkoutWith3ds();
    expect(order.status).toBe('PENDING_PAYMENT');
    const { page, context } = await newPage(browser);
    await signIn(page);

    await page.goto(`${inject('adminUrl')}/orders/${order.id}`);
    expect(await page.getByTestId('payment-pending').textContent()).toContain('等待顧客完成 3-D 驗證');
    expect(await page.getByTestId('payment-notifications-empty').textContent()).toBe('尚未收到金流通知');
    await screenshot(page, 'admin-payment-pending');

    // The shopper approves on the simulator's 3-D Secure page (a plain form the API serves; this test
    // server's public address is not configured, so the page is reached on the API itself).
    const challenge = new URL(nextAction.redirectUrl);
    expect(challenge.pathname).toMatch(/^\/payments\/simulator\/3ds\//);
    const approved = await fetch(new URL(challenge.pathname, inject('apiUrl')), { method: 'POST', body: new URLSearchParams({ answer: 'approve' }), redirect: 'manual' });
    expect(approved.status).toBe(303);
    // The gateway's backend notification (P4): this test server has no public address to post it to, so
    // the test posts it as the simulator would (TapPay's shape: rec_trade_id, order_number).
    const chargeId = decodeURIComponent(challenge.pathname.split('/').at(-1)!);
    const notified = await fetch(`${inject('apiUrl')}/payments/simulator/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rec_trade_id: chargeId, order_number: order.number, status: 0 }),
    });
    expect(notified.status).toBe(200);

    await expect
      .poll(
        async () => {
          if (await page.getByTestId('payment-pending-refresh').isVisible()) await page.getByTestId('payment-pending-refresh').click();
          return page.getByTestId('payment-3ds').textContent({ timeout: 1000 }).catch(() => null);
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('已通過 3-D 驗證');
    expect(await page.getByTestId('payment-gateway').textContent()).toBe('模擬金流');
    expect(await page.getByTestId('payment-amount').textContent()).toBe(`NT$${order.total.toLocaleString('en-US')}`);
    expect(await page.getByTestId('payment-status').textContent()).toBe('付款成功');
    const transactionId = (await page.getByTestId('payment-transaction-id').textContent())!;
    expect(transactionId).toBe(chargeId);
    expect(await page.getByTestId('payment-pending').count()).toBe(0);
    // Every notification received is listed with its time (ours, and the simulator's own when it reaches
    // this server: how many depends on timing, each names the charge).
    const notifications = await page.getByTestId('payment-notification').allTextContents();
    expect(notifications.length).toBeGreaterThan(0);
    for (const text of notifications) expect(text).toContain(chargeId);
    expect(notifications[0]).toMatch(/\d{2}:\d{2}:\d{2}/);
    await screenshot(page, 'admin-payment-paid');

    // 對帳 > 金流對帳, from the menu: the charge is there, both sides agreeing, linked to its order.
    await page.getByTestId('nav-payment-reconciliation').click();
    const row = page.locator(`[data-testid="payment-recon-row"][data-transaction="${transactionId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-difference')).toBe('');
    expect(await row.getByTestId('payment-recon-order').getAttribute('href')).toBe(`/orders/${order.id}`);
    expect(await page.getByTestId('payment-recon-summary').isVisible()).toBe(true);
    await screenshot(page, 'admin-payment-reconciliation');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('payment-recon-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^payments-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('交易編號 Transaction');
    expect(csv).toContain(`${transactionId},${order.number}`);
    expect(await page.getByTestId('payment-recon-download-error').count()).toBe(0);

    await row.getByTestId('payment-recon-order').click();
    await page.getByTestId('order-payment').waitFor();
    expect(await page.getByTestId('order-number').textContent()).toBe(order.number);
    await context.close();
  });
});
