import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClerkViewerDocument } from '../gql/graphql';
import type { GateCounts } from '../shared/counts/live';
import { clerk, gateCountsMock } from '../test/fixtures';
import { restoreOnline, setOnline, storeWith } from '../test/offline';
import { renderClerkApp, scanWithWedge } from '../test/render';
import { VIEWER_KEY } from './session';

afterEach(() => restoreOnline());

const counts = (redeemedToday: number): GateCounts => ({ at: '2026-11-26T10:00:00+08:00', clerks: [{ clerkId: clerk.id, redeemedToday }] });

describe('the clerk app frame', () => {
  it('issue 13.3: a reload with no network opens the app signed in, from the viewer kept on the device', async () => {
    localStorage.setItem(VIEWER_KEY, JSON.stringify(clerk));
    setOnline(false);
    renderClerkApp('/redeem', [{ request: { query: ClerkViewerDocument }, error: new TypeError('Failed to fetch') }], { viewer: undefined });
    expect((await screen.findByTestId('viewer-name')).textContent).toBe('林店員');
    expect(screen.getByTestId('redeem-code')).toBeTruthy();
    expect(screen.getByTestId('network-status').textContent).toBe('離線');
  });

  it('issue 13.3: signed in online, the viewer is kept on the device (id, name, role, permissions only)', async () => {
    renderClerkApp('/redeem', []);
    await screen.findByTestId('viewer-name');
    await waitFor(() => expect(JSON.parse(localStorage.getItem(VIEWER_KEY)!)).toEqual(clerk));
  });

  it('issue 13.3: "有新版本 / 重新載入" when a new service worker waits; the button applies it', async () => {
    const update = vi.fn();
    let waiting: (update: () => void) => void = () => {};
    renderClerkApp('/redeem', [], { viewer: clerk, registerServiceWorker: (onWaiting) => void (waiting = onWaiting) });
    await screen.findByTestId('redeem-code');
    expect(screen.queryByTestId('update-prompt')).toBeNull();
    act(() => waiting(update));
    const prompt = await screen.findByTestId('update-prompt');
    expect(prompt.textContent).toContain('有新版本');
    fireEvent.click(screen.getByTestId('update-reload'));
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('B2: the clerk sees their own count today, pushed by the subscription', async () => {
    let push: (c: GateCounts) => void = () => {};
    renderClerkApp('/redeem', [], { viewer: clerk, subscribeCounts: (onData) => ((push = onData), () => {}) });
    const count = await screen.findByTestId('my-count');
    expect(count.textContent).toBe('今日核銷 –');
    act(() => push(counts(7)));
    expect(screen.getByTestId('my-count').textContent).toBe('今日核銷 7');
    act(() => push(counts(8)));
    expect(screen.getByTestId('my-count').textContent).toBe('今日核銷 8');
  });

  it('B2: when the socket fails, the count comes from the gateCounts query (every 30 s)', async () => {
    renderClerkApp('/redeem', [gateCountsMock(clerk.id, 12)], { viewer: clerk, subscribeCounts: (_onData, onFail) => (setTimeout(onFail, 10), () => {}) });
    await waitFor(() => expect(screen.getByTestId('my-count').textContent).toBe('今日核銷 12'));
  });

  it('the English catalog loads when chosen; the choice is remembered', async () => {
    renderClerkApp('/redeem', []);
    expect((await screen.findByTestId('nav-redeem')).textContent).toBe('核銷票券頁');
    fireEvent.click(screen.getByRole('button', { name: 'EN' }));
    await waitFor(() => expect(screen.getByTestId('nav-redeem').textContent).toBe('Redeem'));
    expect(screen.getByTestId('sync-pending').textContent).toBe('0 to sync');
    expect(localStorage.getItem('ticket.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('B7: the badge always shows what waits to sync; signing out waits until it is synced', async () => {
    const store = await storeWith({ BCDEFGHJKM: 1 });
    setOnline(false);
    const { store: used } = renderClerkApp('/redeem', [], { viewer: clerk, store });
    expect((await screen.findByTestId('sync-pending')).textContent).toBe('待同步 0');
    await screen.findByTestId('offline-snapshot');
    await scanWithWedge('BCDEFGHJKM');
    await screen.findByTestId('result-offline');
    fireEvent.click(screen.getByTestId('redeem-again'));
    expect(screen.getByTestId('sync-pending').textContent).toBe('待同步 1');
    fireEvent.click(screen.getByTestId('logout'));
    expect((await screen.findByTestId('logout-blocked')).textContent).toContain('1 筆離線核銷尚未同步');
    expect(screen.getByTestId('viewer-name').textContent).toBe('林店員');
    expect(await used.count()).toBe(1);
  });
});
