import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, tokenFor } from '../src/api.js';
import { buyTickets, codeState } from '../src/arrange.js';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

/**
 * B7 / issue 13.5 in Chromium against the real API: the clerk downloads a product's offline snapshot,
 * loses the network, reloads (the service worker serves the app, the device remembers who is signed in),
 * redeems single-unit codes from the snapshot, is refused a multi-unit code, and syncs when the network is
 * back. Two devices redeeming the same code offline: one redemption in the books, one conflict.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

async function enableOffline(productId: string) {
  const admin = await tokenFor('admin@example.com', 'admin1234');
  const data = await gql(
    `mutation($i: ProductOfflineSettingsUpdateInput!) { productOfflineSettingsUpdate(input: $i) { product { id offlineRedemption } errors { code message } } }`,
    { i: { productId, enabled: true, windowHours: 12 } },
    admin,
  );
  expect(data.productOfflineSettingsUpdate.errors).toEqual([]);
}

/** A clerk's phone: signed in, the service worker controlling the page, the product's snapshot downloaded. */
async function clerkDevice(productTitle: string): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await newPage(browser);
  await page.setViewportSize(PHONE);
  await page.goto(`${inject('clerkUrl')}/redeem`);
  await page.locator('input[name="email"]').fill('clerk@example.com');
  await page.locator('input[name="password"]').fill('clerk1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('redeem-code').waitFor();
  // The app shell is precached once the worker is active; from then on it controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await page.getByTestId('offline-choose').click();
  await page.locator('[data-testid="offline-product-option"]', { hasText: productTitle }).click();
  await page.locator('[data-testid="offline-product"]', { hasText: productTitle }).waitFor();
  return { page, context };
}

/** A keyboard-wedge scanner: the code's characters, fast, then Enter. */
async function scan(page: Page, code: string) {
  await page.getByTestId('redeem-code').waitFor();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

async function nextTicket(page: Page) {
  await page.getByTestId('redeem-again').click();
  await page.getByTestId('redeem-again').waitFor({ state: 'detached' });
}

const pendingOf = async (page: Page) => Number(await page.getByTestId('sync-pending').getAttribute('data-count'));

describe('B7: the clerk app offline, in Chromium', () => {
  it('B7: offline, a reload still opens the app signed in; single-unit codes redeem from the snapshot, a multi-unit code is refused; back online, they sync', async () => {
    const singles = await buyTickets([
      { variant: 0, quantity: 1 },
      { variant: 1, quantity: 1 },
    ]);
    const multi = await buyTickets([{ variant: 0, quantity: 3 }]);
    await enableOffline(singles.product.id);
    const { page, context } = await clerkDevice(singles.product.title);
    const inSnapshot = Number((await page.getByTestId('offline-status').textContent())!.match(/^(\d+)/)![1]);
    expect(inSnapshot).toBeGreaterThanOrEqual(3);

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('redeem-code').waitFor();
    expect(await page.getByTestId('viewer-name').textContent()).toContain('林店員');
    expect(await page.getByTestId('network-status').getAttribute('data-online')).toBe('false');
    await page.locator('[data-testid="offline-product"]', { hasText: singles.product.title }).waitFor();

    for (const [i, code] of singles.codes.entries()) {
      await scan(page, code.code);
      const success = page.getByTestId('redeem-success');
      await success.waitFor();
      expect(await success.getAttribute('data-offline')).toBe('true');
      expect(await page.getByTestId('result-quantity').textContent()).toBe('核銷 1 張');
      if (i === 0) await screenshot(page, 'clerk-offline-success');
      await nextTicket(page);
    }
    // The same code again on this device, then the multi-unit code.
    await scan(page, singles.codes[0]!.code);
    expect(await page.getByTestId('refusal-message').textContent()).toBe('此票券已在本機核銷');
    await nextTicket(page);
    await scan(page, multi.codes[0]!.code);
    expect(await page.getByTestId('refusal-message').textContent()).toBe('多張票券需連線才能核銷');
    await screenshot(page, 'clerk-offline-multi-refused');
    await nextTicket(page);
    expect(await pendingOf(page)).toBe(2);
    for (const code of singles.codes) expect((await codeState(code.code)).redeemedQuantity).toBe(0);

    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-pending"]')?.getAttribute('data-count') === '0', undefined, { timeout: 45_000 });
    for (const code of singles.codes) {
      const state = await codeState(code.code);
      expect(state).toMatchObject({ redeemedQuantity: 1, remainingQuantity: 0, status: 'FULLY_REDEEMED' });
      expect(state.redemptions.map((r) => r.channel)).toEqual(['OFFLINE']);
    }
    expect((await codeState(multi.codes[0]!.code)).redeemedQuantity).toBe(0);
    expect(await page.getByTestId('sync-conflicts').count()).toBe(0);
    // B2: the clerk's own count includes what was just synced.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="my-count"]')?.getAttribute('data-count')) >= 2, undefined, { timeout: 40_000 });
    await screenshot(page, 'clerk-offline-synced');
    await context.close();
  });

  it('B7: two devices redeem the same code offline; both sync: one success, one conflict, redeemed once in the books', async () => {
    const { product, codes } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const code = codes[0]!.code;
    await enableOffline(product.id);
    const a = await clerkDevice(product.title);
    const b = await clerkDevice(product.title);
    for (const device of [a, b]) {
      await device.context.setOffline(true);
      await scan(device.page, code);
      expect(await device.page.getByTestId('redeem-success').getAttribute('data-offline')).toBe('true');
      await nextTicket(device.page);
      expect(await pendingOf(device.page)).toBe(1);
    }

    await a.context.setOffline(false);
    await a.page.waitForFunction(() => document.querySelector('[data-testid="sync-pending"]')?.getAttribute('data-count') === '0', undefined, { timeout: 45_000 });
    expect(await a.page.getByTestId('sync-conflicts').count()).toBe(0);

    await b.context.setOffline(false);
    const conflict = b.page.getByTestId('sync-conflicts');
    await conflict.waitFor({ timeout: 45_000 });
    expect(await conflict.textContent()).toContain('1 筆衝突，已回報管理者');
    expect(await pendingOf(b.page)).toBe(0);
    await screenshot(b.page, 'clerk-offline-conflict');

    const state = await codeState(code);
    expect(state).toMatchObject({ redeemedQuantity: 1, remainingQuantity: 0 });
    expect(state.redemptions).toEqual([{ quantity: 1, channel: 'OFFLINE' }]);
    const admin = await tokenFor('admin@example.com', 'admin1234');
    const conflicts = await gql(`{ offlineConflicts(first: 50) { edges { node { code winner { deviceId } loser { deviceId } } } } }`, {}, admin);
    const mine = conflicts.offlineConflicts.edges.map((e: any) => e.node).filter((n: any) => n.code === code);
    expect(mine).toHaveLength(1);
    expect(mine[0].winner.deviceId).not.toBe(mine[0].loser.deviceId);
    await a.context.close();
    await b.context.close();
  });
});
