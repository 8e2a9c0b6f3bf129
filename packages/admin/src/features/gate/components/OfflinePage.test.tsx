import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Viewer } from '@ticket/ui';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { OfflineActivityDocument, OfflineConflictResolveDocument, OfflineConflictsDocument } from '../api/offline';
import { OfflinePage } from './OfflinePage';

const party = (deviceId: string | null, clerkName: string, at: string) => ({ __typename: 'OfflineConflictParty', deviceId, clerkName, at, channel: 'OFFLINE' });

const conflict = {
  __typename: 'OfflineConflict',
  id: 'k1',
  code: 'BCDEFGHJKM',
  productId: 'p1',
  productTitle: '聖誕音樂會',
  variantName: '全票',
  createdAt: '2026-12-04T03:30:00Z',
  resolvedAt: null,
  resolvedByName: null,
  resolution: null,
  note: null,
  winner: party('gate-east-01', '林店員', '2026-12-04T03:01:00Z'),
  loser: party('gate-west-02', '陳店員', '2026-12-04T03:05:00Z'),
};
const resolvedConflict = {
  ...conflict,
  resolvedAt: '2026-12-04T04:00:00Z',
  resolvedByName: '王店長',
  resolution: 'SAME_HOLDER',
  note: '同一位持票人在東、西兩個入口都被掃描',
};

const connection = (typename: string, nodes: object[], totalCount = nodes.length, hasNextPage = false, endCursor: string | null = null) => ({
  __typename: `${typename}Connection`,
  totalCount,
  pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
  edges: nodes.map((node) => ({ __typename: `${typename}Edge`, cursor: 'c', node })),
});
const conflicts = (resolved: boolean | undefined, nodes: object[]) => ({
  request: { query: OfflineConflictsDocument, variables: { ...(resolved === undefined ? {} : { resolved }), first: 20, after: null } },
  result: { data: { offlineConflicts: connection('OfflineConflict', nodes) } },
});
const resolveMock = (input: object, payload: { conflict: object | null; errors: object[] }) => ({
  request: { query: OfflineConflictResolveDocument, variables: { input } },
  result: { data: { offlineConflictResolve: { __typename: 'OfflineConflictResolvePayload', ...payload } } },
});

function renderPage(mocks: unknown[], { viewer = admin, route = '/offline' }: { viewer?: Viewer; route?: string } = {}) {
  return render(
    <TestProviders app="ADMIN" viewer={viewer} route={route} mocks={mocks as never}>
      <OfflinePage />
    </TestProviders>,
  );
}

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

describe('商品 > 離線核銷 (B7)', () => {
  it('B7: 衝突 lists the open conflicts: the code, product and ticket type, both devices with their clerks and times, and when it synced', async () => {
    renderPage([conflicts(false, [conflict])]);
    const row = await screen.findByTestId('conflict-row');
    const [code, product, winner, loser, synced, status] = cells(row);
    expect(code).toBe('BCDEFGHJKM');
    expect(product).toBe('聖誕音樂會全票');
    expect(winner).toContain('林店員');
    expect(winner).toContain('gate-east-01');
    expect(winner).toContain('11:01');
    expect(winner).toContain('離線');
    expect(loser).toContain('陳店員');
    expect(loser).toContain('gate-west-02');
    expect(loser).toContain('11:05');
    expect(synced).toContain('11:30');
    expect(status).toBe('未處理處理');
    // 處理, beside the state, named for screen readers by the code.
    expect(within(within(row).getByTestId('conflict-status')).getByRole('button', { name: '處理核銷碼 BCDEFGHJKM 的衝突' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '先核銷（有效）' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '後同步（未核銷）' })).toBeTruthy();
    expect(screen.getByTestId('conflicts-total').textContent).toContain('共 1 筆');
  });

  it('B7: no open conflict: an empty state; 已處理 shows who resolved them, how and why', async () => {
    renderPage([conflicts(false, []), conflicts(true, [resolvedConflict])]);
    expect((await screen.findByTestId('conflicts-empty')).textContent).toContain('沒有未處理的衝突');
    fireEvent.click(screen.getByRole('radio', { name: '已處理' }));
    const row = await screen.findByTestId('conflict-row');
    const status = within(row).getByTestId('conflict-status').textContent;
    expect(status).toContain('同一持票人重複掃描');
    expect(status).toContain('王店長');
    expect(status).toContain('同一位持票人在東、西兩個入口都被掃描');
    expect(within(row).queryByTestId('conflict-resolve')).toBeNull();
  });

  it('B7: 處理 asks first, with the outcome and a note; confirmed, the conflict is resolved and leaves the open list', async () => {
    const input = { id: 'k1', resolution: 'SAME_HOLDER', note: '同一位持票人在東、西兩個入口都被掃描' };
    renderPage([conflicts(false, [conflict]), resolveMock(input, { conflict: resolvedConflict, errors: [] }), conflicts(false, [])]);
    fireEvent.click(within(await screen.findByTestId('conflict-row')).getByTestId('conflict-resolve'));

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/確定將核銷碼 BCDEFGHJKM（聖誕音樂會 全票）的衝突標記為已處理嗎/)).toBeTruthy();
    // 已確認 unless another outcome is chosen.
    expect((within(dialog).getByLabelText(/已確認/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByLabelText(/同一持票人重複掃描/));
    fireEvent.change(within(dialog).getByLabelText('備註'), { target: { value: `  ${input.note} ` } });
    fireEvent.click(within(dialog).getByTestId('confirm-submit'));

    expect((await screen.findByTestId('conflict-resolved')).textContent).toBe('已處理核銷碼 BCDEFGHJKM 的衝突');
    expect((await screen.findByTestId('conflicts-empty')).textContent).toContain('沒有未處理的衝突');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('B7: a refusal by its code (ALREADY_RESOLVED: someone else was first) is shown in the dialog, which stays open; the list is read again', async () => {
    const refused = resolveMock(
      { id: 'k1', resolution: 'ACKNOWLEDGED', note: null },
      { conflict: null, errors: [{ __typename: 'OfflineConflictResolveError', code: 'ALREADY_RESOLVED', message: '此衝突已處理', field: 'id' }] },
    );
    renderPage([conflicts(false, [conflict]), refused, conflicts(false, [])]);
    fireEvent.click(within(await screen.findByTestId('conflict-row')).getByTestId('conflict-resolve'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByTestId('confirm-submit'));
    expect((await within(dialog).findByTestId('form-error')).textContent).toBe('此衝突已處理');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(screen.queryByTestId('conflict-resolved')).toBeNull();
    // The stale row goes: the list was asked for again.
    expect(await screen.findByTestId('conflicts-empty')).toBeTruthy();
  });

  it('B7: an admin who reads reports only (REPORTS_READ) sees the conflicts but cannot resolve them', async () => {
    renderPage([conflicts(false, [conflict])], { viewer: { ...admin, permissions: ['REPORTS_READ'] } });
    const row = await screen.findByTestId('conflict-row');
    expect(within(row).queryByTestId('conflict-resolve')).toBeNull();
    expect(screen.getByTestId('conflicts-read-only').textContent).toContain('商品管理');
  });

  it('B7: 下載與同步紀錄 lists offline lists downloaded and syncs (who, which device, which product, how many), a page at a time', async () => {
    const activity = (id: string, kind: 'SNAPSHOT' | 'SYNC', extra: object) => ({
      __typename: 'OfflineActivity',
      id,
      kind,
      snapshotId: 's1',
      productId: 'p1',
      productTitle: '聖誕音樂會',
      deviceId: 'gate-east-01',
      byName: '林店員',
      at: '2026-12-04T03:30:00Z',
      entries: 0,
      expiresAt: null,
      redeemed: null,
      alreadySynced: null,
      conflicts: null,
      refused: null,
      ...extra,
    });
    const sync = activity('y1', 'SYNC', { entries: 5, redeemed: 3, alreadySynced: 1, conflicts: 1, refused: 0 });
    const snapshot = activity('s1', 'SNAPSHOT', { at: '2026-12-04T01:00:00Z', entries: 250, expiresAt: '2026-12-04T13:00:00Z' });
    const older = activity('s0', 'SNAPSHOT', { at: '2026-12-03T01:00:00Z', entries: 240, expiresAt: '2026-12-03T13:00:00Z', deviceId: 'gate-west-02', byName: '陳店員' });
    const mocks = [
      conflicts(false, []),
      { request: { query: OfflineActivityDocument, variables: { first: 20, after: null } }, result: { data: { offlineActivity: connection('OfflineActivity', [sync, snapshot], 21, true, 'MTk') } } },
      { request: { query: OfflineActivityDocument, variables: { first: 20, after: 'MTk' } }, result: { data: { offlineActivity: connection('OfflineActivity', [older], 21, false, 'MjA') } } },
    ];
    renderPage(mocks);
    await screen.findByTestId('conflicts-empty');
    fireEvent.click(screen.getByRole('tab', { name: '下載與同步紀錄' }));

    const rows = await screen.findAllByTestId('activity-row');
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['SYNC', 'SNAPSHOT']);
    const [, kind, product, device, by, details] = cells(rows[0]!);
    expect([kind, product, device, by, details]).toEqual(['同步', '聖誕音樂會', 'gate-east-01', '林店員', '送出 5 筆：核銷 3、已同步過 1、衝突 1、拒絕 0']);
    expect(cells(rows[1]!)[1]).toBe('下載離線名單');
    expect(cells(rows[1]!)[5]).toMatch(/^250 個核銷碼，可用到 .*21:00$/);
    expect(screen.getByTestId('activity-total').textContent).toContain('共 21 筆');

    fireEvent.click(screen.getByTestId('activity-next'));
    expect(await screen.findByText('陳店員')).toBeTruthy();
    expect(screen.getAllByTestId('activity-row')).toHaveLength(1);
    expect(screen.getByTestId('activity-next').hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('activity-prev').hasAttribute('disabled')).toBe(false);
  });

  it('B7: with nothing downloaded yet, 下載與同步紀錄 says so', async () => {
    renderPage([{ request: { query: OfflineActivityDocument, variables: { first: 20, after: null } }, result: { data: { offlineActivity: connection('OfflineActivity', []) } } }], {
      route: '/offline?tab=activity',
    });
    expect((await screen.findByTestId('activity-empty')).textContent).toContain('尚無下載或同步紀錄');
    expect(screen.getByRole('tab', { name: '下載與同步紀錄' }).getAttribute('aria-selected')).toBe('true');
  });
});
