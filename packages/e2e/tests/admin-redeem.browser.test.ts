import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, tokenFor } from '../src/api.js';
import { buyTickets, codeState } from '../src/arrange.js';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email = 'admin@example.com', password = 'admin1234') {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Who redeemed and on which device: more than codeState() asks. */
async function redemptionDetails(code: string) {
  const admin = await tokenFor('admin@example.com', 'admin1234');
  const data = await gql(`query($c: String!) { ticketCode(code: $c) { redemptions { quantity channel redeemedBy device } } }`, { c: code }, admin);
  return data.ticketCode.redemptions as { quantity: number; channel: string; redeemedBy: string; device: string | null }[];
}

describe('the admin SPA redeems, in Chromium', () => {
  it('R3/R2: 票券核銷列表 searched by recipient phone, 前往核銷, redeem 1; the API records it (LIST, by the admin, from an admin device) and the ticket card shows it in the history', async () => {
    const phone = `09${String(Date.now()).slice(-8)}`;
    const { codes } = await buyTickets([{ variant: 0, quantity: 3 }], { name: '後台核銷', phone });
    const code = codes[0]!.code;
    const { page, context } = await newPage(browser);
    await page.goto(`${inject('adminUrl')}/redemptions`);
    await signIn(page);

    // Back on the list after signing in; the menu marks it.
    await page.getByTestId('search-field').selectOption('RECIPIENT_PHONE');
    expect(await page.getByTestId('nav-redemptions').getAttribute('data-active')).toBe('true');
    await page.getByTestId('search-query').fill(phone);
    await page.getByTestId('search-submit').click();
    const row = page.locator(`[data-testid="code-row"][data-code="${code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('後台核銷');
    await screenshot(page, 'admin-redemption-list');

    await row.getByTestId('go-redeem').click();
    await page.getByTestId('ticket-card').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/redeem/${code}`);
    expect(await page.getByTestId('redeem-code').inputValue()).toBe(code);
    expect(await page.getByTestId('ticket-remaining').textContent()).toBe('3 / 3');
    expect(await page.getByTestId('redeem-quantity').inputValue()).toBe('1');
    await page.getByTestId('redeem-submit').click();
    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.getByTestId('confirm-quantity').textContent()).toBe('1 張');
    await dialog.getByTestId('confirm-submit').click();
    await page.getByTestId('redeem-success').waitFor();

    // Before the success screen goes back by itself: the code again, with its new redemption (R2).
    await page.getByTestId('success-details').click();
    const card = page.getByTestId('ticket-card');
    await expect.poll(() => card.getByTestId('ticket-remaining').textContent()).toBe('2 / 3');
    const history = card.getByTestId('redemption-row');
    expect(await history.count()).toBe(1);
    const cells = await history.first().locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['1', '核銷列表', expect.stringMatching(/^admin \S+ \S{4}$/), '王店長 Store Admin']);
    await screenshot(page, 'admin-redeem-history');

    const state = await codeState(code);
    expect(state).toMatchObject({ redeemedQuantity: 1, remainingQuantity: 2, status: 'ACTIVE' });
    expect(state.redemptions).toEqual([{ quantity: 1, channel: 'LIST' }]);
    expect(await redemptionDetails(code)).toEqual([{ quantity: 1, channel: 'LIST', redeemedBy: '王店長 Store Admin', device: cells[3] }]);
    await context.close();
  });
});
