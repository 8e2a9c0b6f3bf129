import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { lookupMock, offlineProductsMock, redeemMock, snapshotMock, syncMock, ticket, unreachableLookupMock, type SyncInput, type TicketCodeRedeemInput } from '../../../test/fixtures';
import { HASH_KEY, restoreOnline, setOnline, snapshotInfo, storeWith } from '../../../test/offline';
import { renderClerkApp, scanWithWedge } from '../../../test/render';

const SINGLE = 'BCDEFGHJKM';
const SINGLE_2 = 'CDEFGHJKMN';
const MULTI = 'DEFGHJKMNP';

/** A hardware scanner: the code's keystrokes and Enter. */
const scan = scanWithWedge;

async function next() {
  fireEvent.click(await screen.findByTestId('redeem-again'));
  await waitFor(() => expect(screen.queryByTestId('redeem-again')).toBeNull());
}

const pending = () => screen.getByTestId('sync-pending');

afterEach(() => restoreOnline());

describe('B7: redeeming offline from the snapshot', () => {
  it('B7: the snapshot shows its product, how many codes and the time left', async () => {
    renderClerkApp('/redeem', [], { store: await storeWith({ [SINGLE]: 1, [MULTI]: 3 }) });
    const snapshot = await screen.findByTestId('offline-snapshot');
    expect(within(snapshot).getByTestId('offline-product').textContent).toBe('草地音樂節');
    expect(within(snapshot).getByTestId('offline-status').textContent).toMatch(/^2 張・剩 11 小時 5\d 分$/);
    expect(pending().textContent).toBe('待同步 0');
  });

  it('B7: offline, a scanned single-unit code redeems on the device, marked 離線; scanned again: 此票券已在本機核銷', async () => {
    setOnline(false);
    const { store } = renderClerkApp('/redeem', [], { store: await storeWith({ [SINGLE]: 1, [MULTI]: 3 }) });
    expect((await screen.findByTestId('network-status')).textContent).toBe('離線');
    await scan(SINGLE);
    const success = await screen.findByTestId('redeem-success');
    expect(within(success).getByTestId('result-offline').textContent).toBe('離線');
    expect(within(success).getByTestId('result-ticket').textContent).toBe('草地音樂節・早鳥票');
    expect(within(success).getByTestId('result-quantity').textContent).toBe('核銷 1 張');
    expect(pending().textContent).toBe('待同步 1');
    expect(await store.queue()).toEqual([expect.objectContaining({ code: SINGLE, snapshotId: 'snap-1', idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) })]);

    await next();
    await scan(SINGLE);
    expect(within(await screen.findByTestId('redeem-refusal')).getByTestId('refusal-message').textContent).toBe('此票券已在本機核銷');
    expect(pending().textContent).toBe('待同步 1');
  });

  it('B7: offline, a multi-unit code needs the network; a code not in the list is refused', async () => {
    setOnline(false);
    const { store } = renderClerkApp('/redeem', [], { store: await storeWith({ [SINGLE]: 1, [MULTI]: 3 }) });
    await scan(MULTI);
    expect(within(await screen.findByTestId('redeem-refusal')).getByTestId('refusal-message').textContent).toBe('多張票券需連線才能核銷');
    await next();
    await scan('ZZZZZZZZZZ');
    expect(within(await screen.findByTestId('redeem-refusal')).getByTestId('refusal-message').textContent).toBe('查無此票券（離線名單）');
    expect(await store.count()).toBe(0);
  });

  it('B7: an expired snapshot refuses and asks to go online', async () => {
    setOnline(false);
    renderClerkApp('/redeem', [], { store: await storeWith({ [SINGLE]: 1 }, { expiresAt: new Date(Date.now() - 1000).toISOString() }) });
    expect((await screen.findByTestId('offline-snapshot')).getAttribute('data-expired')).toBe('true');
    await scan(SINGLE);
    expect(within(await screen.findByTestId('redeem-refusal')).getByTestId('refusal-message').textContent).toBe('離線名單已過期：請連線後重新下載');
  });

  it('B7: offline with no snapshot: a clear refusal, nothing redeemed', async () => {
    setOnline(false);
    renderClerkApp('/redeem', []);
    await scan(SINGLE);
    expect(within(await screen.findByTestId('redeem-refusal')).getByTestId('refusal-message').textContent).toContain('此裝置沒有離線名單');
  });

  it('B7: online but the API unreachable (a network error): the snapshot redeems the scan', async () => {
    renderClerkApp('/redeem', [unreachableLookupMock(SINGLE)], { store: await storeWith({ [SINGLE]: 1 }) });
    await screen.findByTestId('offline-snapshot');
    await scan(SINGLE);
    expect(await screen.findByTestId('result-offline')).toBeTruthy();
    expect(pending().textContent).toBe('待同步 1');
  });

  it('B7/R4: offline, a code typed by hand asks to confirm before redeeming one unit', async () => {
    setOnline(false);
    const { store } = renderClerkApp('/redeem', [], { store: await storeWith({ [SINGLE]: 1 }) });
    fireEvent.change(await screen.findByTestId('redeem-code'), { target: { value: SINGLE.toLowerCase() } });
    fireEvent.click(screen.getByTestId('redeem-view'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(within(dialog).getByTestId('confirm-ticket').textContent).toBe('草地音樂節');
    expect(within(dialog).getByTestId('confirm-quantity').textContent).toBe('1 張');
    expect(await store.count()).toBe(0);
    fireEvent.click(within(dialog).getByTestId('confirm-submit'));
    expect(await screen.findByTestId('result-offline')).toBeTruthy();
    expect(await store.count()).toBe(1);
  });

  it('B7: back online, the queue syncs in order and the badge goes to 0', async () => {
    setOnline(false);
    const seen: SyncInput[] = [];
    const { store } = renderClerkApp('/redeem', [syncMock(seen)], { store: await storeWith({ [SINGLE]: 1, [SINGLE_2]: 1 }) });
    await scan(SINGLE);
    await next();
    await scan(SINGLE_2);
    await next();
    expect(pending().textContent).toBe('待同步 2');
    setOnline(true);
    await waitFor(() => expect(pending().textContent).toBe('待同步 0'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.snapshotId).toBe('snap-1');
    expect(seen[0]!.deviceId).toMatch(/^clerk /);
    expect(seen[0]!.redemptions.map((r) => r.code)).toEqual([SINGLE, SINGLE_2]);
    expect(await store.count()).toBe(0);
    expect(screen.queryByTestId('sync-conflicts')).toBeNull();
  });

  it('B7: a code redeemed elsewhere first is a conflict: "1 筆衝突，已回報管理者", until dismissed', async () => {
    setOnline(false);
    renderClerkApp('/redeem', [syncMock([], (code) => (code === SINGLE ? 'CONFLICT' : 'REDEEMED'))], { store: await storeWith({ [SINGLE]: 1, [SINGLE_2]: 1 }) });
    await scan(SINGLE);
    await next();
    await scan(SINGLE_2);
    await next();
    setOnline(true);
    const conflicts = await screen.findByTestId('sync-conflicts');
    expect(conflicts.textContent).toContain('1 筆衝突，已回報管理者');
    expect(pending().textContent).toBe('待同步 0');
    fireEvent.click(within(conflicts).getByTestId('sync-conflicts-dismiss'));
    await waitFor(() => expect(screen.queryByTestId('sync-conflicts')).toBeNull());
  });

  it('B7: the clerk picks an offline product and downloads its snapshot', async () => {
    const entries = [{ codeHash: 'h1', remaining: 1, variantName: '早鳥票', splitChild: false }, { codeHash: 'h2', remaining: 2, variantName: '早鳥票', splitChild: false }];
    const { store } = renderClerkApp('/redeem', [
      offlineProductsMock([{ id: 'p1', title: '草地音樂節' }, { id: 'p2', title: '親子劇場' }]),
      snapshotMock('p2', () => true, { ...snapshotInfo({ productId: 'p2', productTitle: '親子劇場' }), hashKey: HASH_KEY, entries }),
    ]);
    fireEvent.click(await screen.findByTestId('offline-choose'));
    const options = await screen.findAllByTestId('offline-product-option');
    expect(options.map((o) => o.textContent)).toEqual(['草地音樂節', '親子劇場']);
    fireEvent.click(options[1]!);
    const snapshot = await screen.findByTestId('offline-snapshot');
    expect(within(snapshot).getByTestId('offline-product').textContent).toBe('親子劇場');
    expect(within(snapshot).getByTestId('offline-status').textContent).toMatch(/^2 張・剩 11 小時 5\d 分$/);
    expect(await store.snapshot()).toMatchObject({ productId: 'p2', count: 2 });
  });

  it('B7: online, a code redeemed online is used on this device too (it never redeems again offline)', async () => {
    const single = ticket({ code: SINGLE, quantity: 1, redeemedQuantity: 0, remainingQuantity: 1 });
    const seen: TicketCodeRedeemInput[] = [];
    const { store } = renderClerkApp('/redeem', [lookupMock(SINGLE, single), redeemMock(seen, () => ({ ticketCode: { ...single, redeemedQuantity: 1, remainingQuantity: 0, status: 'FULLY_REDEEMED' } }))], {
      store: await storeWith({ [SINGLE]: 1 }),
    });
    await screen.findByTestId('offline-snapshot');
    await scan(SINGLE);
    expect(await screen.findByTestId('redeem-success')).toBeTruthy();
    expect(screen.queryByTestId('result-offline')).toBeNull();
    await next();
    setOnline(false);
    await scan(SINGLE);
    expect(within(await screen.findByTestId('redeem-refusal')).getByTestId('refusal-message').textContent).toBe('此票券已在本機核銷');
    expect(await store.count()).toBe(0);
    expect(seen).toEqual([expect.objectContaining({ code: SINGLE, quantity: 1, channel: 'SCANNER' })]);
  });
});
