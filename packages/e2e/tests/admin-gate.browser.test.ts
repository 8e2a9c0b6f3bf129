import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, tokenFor } from '../src/api.js';
import { buyTickets } from '../src/arrange.js';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

/**
 * B2 and B7 in the admin SPA, in Chromium against the real API: 入場即時看板 follows a clerk's redemption
 * over the live socket, without a reload; a ticket's offline settings saved from its form; an offline
 * conflict made by two clerk devices (through the API) resolved from 離線核銷 with the keyboard. Each page
 * is checked with axe on the way (no serious or critical violation).
 */

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

/** axe on the page as it is: the serious and critical violations, as lines (printed too). */
async function seriousViolations(page: Page, name: string): Promise<string[]> {
  await page.waitForTimeout(300); // transitions over
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
    .map((line) => (console.error(`axe: ${line}`), line));
}

/** Presses Tab until the focused element matches `selector` (it is reachable by keyboard). */
async function tabTo(page: Page, selector: string, max = 10) {
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with Tab in ${max} presses`);
}

/** Sold, redeemed today and remaining as the board shows them for one product. */
async function boardFigures(page: Page, productId: string) {
  const card = page.locator(`[data-testid="gate-product"][data-product-id="${productId}"]`);
  const read = async (id: string) => Number((await card.getByTestId(id).textContent())!.replaceAll(',', ''));
  return { sold: await read('gate-sold'), redeemed: await read('gate-redeemed'), remaining: await read('gate-remaining') };
}

/** A clerk's count on the board (0 when not listed yet). */
async function clerkFigure(page: Page, clerkId: string): Promise<number> {
  const row = page.locator(`[data-testid="gate-clerk"][data-clerk-id="${clerkId}"]`);
  if (!(await row.count())) return 0;
  return Number((await row.getByTestId('gate-clerk-redeemed').textContent())!.replaceAll(',', ''));
}

describe('the admin SPA at the gate, in Chromium', () => {
  it('B2: 入場即時看板 on a product shows its sold, redeemed-today and remaining figures; a clerk redeems through the API and the board changes within seconds, live, without a reload', async () => {
    const { product, codes } = await buyTickets([{ variant: 0, quantity: 3 }]);
    const code = codes[0]!.code;
    const clerk = await tokenFor('clerk@example.com', 'clerk1234');
    const clerkId = (await gql(`{ viewer { id } }`, {}, clerk)).viewer.id as string;
    const adminUrl = inject('adminUrl');
    const { page, context } = await newPage(browser);
    const findings: string[] = [];

    await page.goto(`${adminUrl}/gate-board?product=${product.id}`);
    await signIn(page);
    await page.locator(`[data-testid="gate-product"][data-product-id="${product.id}"]`).waitFor();
    expect(await page.getByTestId('nav-gate-board').getAttribute('data-active')).toBe('true');
    // The socket (graphql-ws on the admin's own origin, the session cookie) is up.
    await expect.poll(() => page.getByTestId('gate-status').getAttribute('data-mode')).toBe('live');
    expect(await page.getByTestId('gate-mode').textContent()).toBe('連線中・即時更新');
    expect(await page.getByTestId('gate-product-filter').inputValue()).toBe(product.id);

    // The board agrees with the API.
    const admin = await tokenFor('admin@example.com', 'admin1234');
    const api = (await gql(`query($p: ID) { gateCounts(productId: $p) { products { productId sold redeemedToday remaining } } }`, { p: product.id }, admin)).gateCounts.products[0];
    const before = await boardFigures(page, product.id);
    expect(before).toEqual({ sold: api.sold, redeemed: api.redeemedToday, remaining: api.remaining });
    expect(before.remaining).toBeGreaterThanOrEqual(3);
    const clerkBefore = await clerkFigure(page, clerkId);
    findings.push(...(await seriousViolations(page, 'admin /gate-board')));
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { gateMark: string }).gateMark = 'same page'));

    const redeemed = await gql(
      `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { errors { code message } } }`,
      { i: { code, quantity: 2, channel: 'MANUAL', device: 'e2e gate 1', idempotencyKey: randomUUID() } },
      clerk,
    );
    expect(redeemed.ticketCodeRedeem.errors).toEqual([]);
    const redeemedAt = Date.now();

    await expect.poll(() => boardFigures(page, product.id), { timeout: 5_000, interval: 100 }).toEqual({ sold: before.sold, redeemed: before.redeemed + 2, remaining: before.remaining - 2 });
    const seconds = (Date.now() - redeemedAt) / 1000;
    await expect.poll(() => clerkFigure(page, clerkId), { timeout: 5_000, interval: 100 }).toBe(clerkBefore + 2);
    expect(await page.locator(`[data-testid="gate-clerk"][data-clerk-id="${clerkId}"]`).textContent()).toContain('林店員');
    // Pushed over the socket, not polled (polling would say so, every 10 s), and the same document.
    expect(await page.getByTestId('gate-status').getAttribute('data-mode')).toBe('live');
    expect(await page.getByTestId('gate-polling').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { gateMark?: string }).gateMark)).toBe('same page');
    console.log(`B2: the board showed the redemption ${seconds.toFixed(1)} s after the API answered`);
    await screenshot(page, 'admin-gate-board');
    await context.close();
    expect(findings).toEqual([]);
  });

  it("B7: a ticket's 離線核銷 saved from its form; two devices redeem one code offline; 離線核銷 shows the conflict and its downloads and syncs, and the conflict is resolved with the keyboard after a confirmation", async () => {
    const { product, codes } = await buyTickets([{ variant: 0, quantity: 1 }]);
    const code = codes[0]!.code;
    const adminUrl = inject('adminUrl');
    const { page, context } = await newPage(browser);
    const findings: string[] = [];

    // The product's form: offline redemption on, a 6-hour window, saved on its own.
    await page.goto(`${adminUrl}/products/${product.id}`);
    await signIn(page);
    const settings = page.getByTestId('offline-settings');
    await settings.waitFor();
    const toggle = settings.getByRole('switch');
    // Off unless another test file turned it on first (the database is shared by the suite): start from off.
    if (await toggle.isChecked()) {
      await toggle.focus();
      await page.keyboard.press('Space');
      await settings.getByTestId('offline-save').click();
      await settings.getByTestId('offline-saved').waitFor();
    }
    expect(await toggle.isChecked()).toBe(false);
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(true);
    await settings.locator('input[name="offlineWindowHours"]').fill('6');
    await settings.getByTestId('offline-save').click();
    await settings.getByTestId('offline-saved').waitFor();
    findings.push(...(await seriousViolations(page, 'admin /products/:id')));
    const admin = await tokenFor('admin@example.com', 'admin1234');
    expect((await gql(`query($id: ID!) { product(id: $id) { offlineRedemption offlineWindowHours } }`, { id: product.id }, admin)).product).toEqual({ offlineRedemption: true, offlineWindowHours: 6 });

    // Two clerk devices download the product's offline list and redeem the same single-unit code.
    const clerk = await tokenFor('clerk@example.com', 'clerk1234');
    const east = `e2e-east-${randomUUID().slice(0, 8)}`;
    const west = `e2e-west-${randomUUID().slice(0, 8)}`;
    const outcomes: string[] = [];
    for (const deviceId of [east, west]) {
      const made = await gql(`mutation($i: OfflineSnapshotCreateInput!) { offlineSnapshotCreate(input: $i) { snapshot { id issuedAt } errors { code message } } }`, { i: { productId: product.id, deviceId } }, clerk);
      expect(made.offlineSnapshotCreate.errors).toEqual([]);
      const { id, issuedAt } = made.offlineSnapshotCreate.snapshot;
      const synced = await gql(
        `mutation($i: TicketCodeOfflineSyncInput!) { ticketCodeOfflineSync(input: $i) { results { outcome } errors { code message } } }`,
        { i: { snapshotId: id, deviceId, redemptions: [{ code, idempotencyKey: randomUUID(), redeemedAt: issuedAt }] } },
        clerk,
      );
      expect(synced.ticketCodeOfflineSync.errors).toEqual([]);
      outcomes.push(synced.ticketCodeOfflineSync.results[0].outcome);
    }
    expect(outcomes).toEqual(['REDEEMED', 'CONFLICT']);

    // 離線核銷 from the menu: the open conflict with both devices.
    await page.getByTestId('nav-offline').click();
    const row = page.locator('[data-testid="conflict-row"]', { has: page.locator(`[data-testid="conflict-code"]:text-is("${code}")`) });
    await row.waitFor();
    expect(await row.getByTestId('conflict-winner').textContent()).toContain(east);
    expect(await row.getByTestId('conflict-loser').textContent()).toContain(west);
    expect(await row.getByTestId('conflict-loser').textContent()).toContain('林店員');
    findings.push(...(await seriousViolations(page, 'admin /offline')));
    await screenshot(page, 'admin-offline-conflicts');

    // The keyboard alone: 處理, the outcome (arrow keys in the radio group), a note, then the confirmation.
    await row.getByTestId('conflict-resolve').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('resolve-form').waitFor();
    findings.push(...(await seriousViolations(page, 'admin /offline (resolve dialog)')));
    // The dialog opens on the outcome (已確認 unless another is chosen).
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('ACKNOWLEDGED');
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: /同一持票人重複掃描/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('resolve-note');
    await page.keyboard.type('東、西入口各掃一次');
    await tabTo(page, '[data-testid="confirm-submit"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('conflict-resolved').waitFor();
    await row.waitFor({ state: 'detached' });
    const resolved = (await gql(`{ offlineConflicts(resolved: true, first: 50) { edges { node { code resolution note resolvedByName loser { deviceId } } } } }`, {}, admin)).offlineConflicts.edges.map((e: any) => e.node);
    expect(resolved.find((c: any) => c.code === code)).toEqual({ code, resolution: 'SAME_HOLDER', note: '東、西入口各掃一次', resolvedByName: '王店長 Store Admin', loser: { deviceId: west } });

    // 下載與同步紀錄: both downloads and both syncs, the second with its conflict.
    await page.getByRole('tab', { name: '下載與同步紀錄' }).click();
    const westSync = page.locator('[data-testid="activity-row"][data-kind="SYNC"]', { hasText: west });
    await westSync.waitFor();
    expect(await westSync.getByTestId('activity-details').textContent()).toBe('送出 1 筆：核銷 0、已同步過 0、衝突 1、拒絕 0');
    expect(await page.locator('[data-testid="activity-row"][data-kind="SNAPSHOT"]', { hasText: east }).count()).toBe(1);
    findings.push(...(await seriousViolations(page, 'admin /offline?tab=activity')));
    await screenshot(page, 'admin-offline-activity');
    await context.close();
    expect(findings).toEqual([]);
  });

});
