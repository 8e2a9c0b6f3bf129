import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buyTickets, codeState } from '../src/arrange.js';
import { launchBrowser, newPage, qrCameraFeed, readTicketWithCamera, screenshot } from '../src/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

async function signIn(page: Page, email = 'clerk@example.com', password = 'clerk1234') {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
}

async function signedInClerk(b: Browser = browser) {
  const { page, context } = await newPage(b);
  await page.setViewportSize(PHONE);
  await page.goto(`${inject('clerkUrl')}/redeem`);
  await signIn(page);
  await page.getByTestId('redeem-code').waitFor();
  return { page, context };
}

/** From the ticket card: quantity, redeem, confirm, success. */
async function redeemOnCard(page: Page, quantity = 1) {
  await page.getByTestId('ticket-card').waitFor();
  if (quantity !== 1) await page.getByTestId('redeem-quantity').fill(String(quantity));
  await page.getByTestId('redeem-submit').click();
  await page.getByTestId('confirm-submit').click();
  await page.getByTestId('redeem-success').waitFor();
}

describe('R3: the four ways to the redeem page, in Chromium', () => {
  it('R3 way 1: a hardware scanner types the code and Enter into the focused field; the clerk redeems 2', async () => {
    const { codes } = await buyTickets([{ variant: 0, quantity: 3 }]);
    const { page, context } = await signedInClerk();
    // the field has focus: the scanner's keystrokes go straight into it
    await page.keyboard.type(codes[0]!.code);
    await page.keyboard.press('Enter');
    await page.getByTestId('ticket-card').waitFor();
    expect(await page.getByTestId('ticket-card').textContent()).toContain('陳小美');
    await redeemOnCard(page, 2);
    await screenshot(page, 'clerk-scanner-success');
    const state = await codeState(codes[0]!.code);
    expect(state).toMatchObject({ redeemedQuantity: 2, remainingQuantity: 1 });
    expect(state.redemptions.map((r) => r.channel)).toEqual(['SCANNER']);
    await context.close();
  });

  it('R3 way 2: the QR URL opened while logged out asks to sign in, then shows the ticket with the code filled in', async () => {
    const { codes } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const { page, context } = await newPage(browser);
    await page.setViewportSize(PHONE);
    await page.goto(codes[0]!.qrUrl);
    await signIn(page);
    await page.getByTestId('ticket-card').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/redeem/${codes[0]!.code}`);
    expect(await page.getByTestId('redeem-code').inputValue()).toBe(codes[0]!.code);
    await redeemOnCard(page);
    const state = await codeState(codes[0]!.code);
    expect(state).toMatchObject({ status: 'FULLY_REDEEMED' });
    expect(state.redemptions.map((r) => r.channel)).toEqual(['CAMERA']);
    await context.close();
  });

  it('R3 way 3: the redemption list searched by recipient phone, then "go redeem"', async () => {
    const phone = `09${String(Date.now()).slice(-8)}`;
    const { codes } = await buyTickets([{ variant: 1, quantity: 2 }], { name: '列表搜尋', phone });
    const { page, context } = await signedInClerk();
    await page.getByTestId('nav-redemptions').click();
    await page.getByTestId('search-field').selectOption('RECIPIENT_PHONE');
    await page.getByTestId('search-query').fill(phone.slice(-6));
    await page.getByTestId('search-submit').click();
    const row = page.locator(`[data-testid="code-row"][data-code="${codes[0]!.code}"]`);
    await row.waitFor();
    await row.getByTestId('go-redeem').click();
    await redeemOnCard(page);
    await screenshot(page, 'clerk-list-success');
    expect((await codeState(codes[0]!.code)).redemptions.map((r) => r.channel)).toEqual(['LIST']);
    await context.close();
  });

  it('R3 way 4: typing the code by hand, then "view ticket"; an unknown code shows a clear refusal (R4)', async () => {
    const { codes } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const { page, context } = await signedInClerk();
    await page.getByTestId('redeem-code').fill(codes[0]!.code.toLowerCase());
    await page.getByTestId('redeem-view').click();
    await redeemOnCard(page);
    expect((await codeState(codes[0]!.code)).redemptions.map((r) => r.channel)).toEqual(['MANUAL']);
    await page.getByTestId('redeem-again').click();
    await page.getByTestId('redeem-code').fill('ZZZZZZZZZZ');
    await page.getByTestId('redeem-view').click();
    await page.getByTestId('redeem-refusal').waitFor();
    expect(await page.getByTestId('redeem-refusal').textContent()).toContain('查無此核銷碼');
    await context.close();
  });

  it('R3: the in-page camera scanner decodes a QR from Chromium\'s fake camera and leads to a redemption', async () => {
    const { codes } = await buyTickets([{ variant: 0, quantity: 2 }]);
    const cameraBrowser = await launchBrowser({ cameraY4m: await qrCameraFeed(codes[0]!.qrUrl) });
    try {
      const { page } = await signedInClerk(cameraBrowser);
      await readTicketWithCamera(page);
      expect(await page.getByTestId('redeem-code').inputValue()).toBe(codes[0]!.code);
      await redeemOnCard(page);
      await screenshot(page, 'clerk-camera-success');
      const state = await codeState(codes[0]!.code);
      expect(state.redeemedQuantity).toBe(1);
      expect(state.redemptions.map((r) => r.channel)).toEqual(['CAMERA']);
    } finally {
      await cameraBrowser.close();
    }
  });
});
