import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canSee, NAV, navTestId } from '../../../app/nav';
import { admin } from '../../../test/fixtures';
import { AppRoutes } from '../../../app/AppRoutes';
import { AuditEventsDocument, AuditFilterChoicesDocument } from '../api/audit';
import { auditCsvUrl, readAuditFilter, toApiFilter } from '../lib/auditFilter';
import { AUDIT_PAGE_SIZE, AuditLogPage } from './AuditLogPage';

const auditor = { ...admin, permissions: [...new Set([...admin.permissions, 'AUDIT_READ'])] } as typeof admin;

const event = (id: string, overrides: Record<string, unknown> = {}) => ({
  __typename: 'AuditEvent',
  id,
  action: 'staff.permissions.update',
  at: '2026-12-04T02:00:00.000Z',
  ipAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Macintosh)',
  objectType: 'staff',
  objectId: 'u2',
  actor: { __typename: 'AuditActor', type: 'USER', id: 'u1', name: '王店長' },
  changes: [{ __typename: 'AuditChange', field: 'permissions', before: '["ORDERS_READ"]', after: '["ORDERS_READ","REPORTS_READ"]' }],
  ...overrides,
});

const page = (variables: Record<string, unknown>, nodes: object[], { hasNextPage = false, totalCount = nodes.length, endCursor = nodes.length ? `c-${(nodes.at(-1) as { id: string }).id}` : null } = {}) => ({
  request: { query: AuditEventsDocument, variables: { first: AUDIT_PAGE_SIZE, after: null, filter: {}, ...variables } },
  result: {
    data: {
      auditEvents: {
        __typename: 'AuditEventConnection',
        totalCount,
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
        edges: nodes.map((node) => ({ __typename: 'AuditEventEdge', cursor: `c-${(node as { id: string }).id}`, node })),
      },
    },
  },
});

const choices = {
  request: { query: AuditFilterChoicesDocument },
  result: {
    data: {
      auditActors: [
        { __typename: 'AuditActor', type: 'USER', id: '11111111-1111-4111-8111-111111111111', name: '王店長' },
        { __typename: 'AuditActor', type: 'API_KEY', id: '22222222-2222-4222-8222-222222222222', name: 'POS' },
      ],
      auditActions: ['settings.update', 'staff.permissions.update', 'staff.sign_in.failed'],
    },
  },
};

function Address() {
  const location = useLocation();
  return <div data-testid="address">{location.search}</div>;
}

function renderPage(route: string, mocks: object[]) {
  return render(
    <TestProviders app="ADMIN" viewer={auditor} route={route} mocks={[choices, ...mocks] as never}>
      <Routes>
        <Route
          path="/audit-log"
          element={
            <>
              <AuditLogPage />
              <Address />
            </>
          }
        />
      </Routes>
    </TestProviders>,
  );
}

describe('管理中心 > 操作紀錄 (B5)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('B5: lists who did what, when, from which address and browser, and the fields before and after', async () => {
    renderPage('/audit-log', [
      page({}, [
        event('2'),
        event('1', { action: 'staff.sign_in.failed', actor: { __typename: 'AuditActor', type: 'ANONYMOUS', id: null, name: 'nobody@example.com' }, objectType: 'account', objectId: null, changes: [] }),
      ]),
    ]);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows.map((r) => r.getAttribute('data-action'))).toEqual(['staff.permissions.update', 'staff.sign_in.failed']);
    expect(within(rows[0]!).getByTestId('audit-action').textContent).toBe('變更權限');
    expect(within(rows[0]!).getByTestId('audit-actor').textContent).toBe('王店長');
    expect(within(rows[0]!).getByTestId('audit-address').textContent).toBe('203.0.113.7');
    expect(within(rows[0]!).getByTestId('audit-user-agent').textContent).toBe('Mozilla/5.0 (Macintosh)');
    expect(within(rows[0]!).getByTestId('audit-change').textContent).toBe('permissions: ["ORDERS_READ"] → ["ORDERS_READ","REPORTS_READ"]');
    expect(rows[0]!.textContent).toContain('管理者');
    expect(within(rows[1]!).getByTestId('audit-action').textContent).toBe('登入失敗');
    expect(within(rows[1]!).getByTestId('audit-actor').textContent).toBe('nobody@example.com');
    expect(rows[1]!.textContent).toContain('未登入');
    expect(screen.getByTestId('audit-count').textContent).toBe('第 1–2 筆，共 2 筆');
  });

  it('B5: filters by actor, action, object and days (Taipei), kept in the address; the CSV link carries the same filter', async () => {
    const actor = '11111111-1111-4111-8111-111111111111';
    const filtered = { filter: { actorId: actor, action: 'settings.update', objectType: 'settings', objectId: '1', from: '2026-11-30T16:00:00.000Z', to: '2026-12-04T16:00:00.000Z' } };
    renderPage('/audit-log', [
      page({}, [event('9')]),
      page({ filter: { actorId: actor } }, [event('8')]),
      page({ filter: { actorId: actor, action: 'settings.update' } }, [event('7')]),
      page({ filter: { actorId: actor, action: 'settings.update', objectType: 'settings' } }, [event('6')]),
      page({ filter: { actorId: actor, action: 'settings.update', objectType: 'settings', objectId: '1' } }, [event('5')]),
      page({ filter: { actorId: actor, action: 'settings.update', objectType: 'settings', objectId: '1', from: '2026-11-30T16:00:00.000Z' } }, [event('4')]),
      page(filtered, [event('3', { action: 'settings.update', objectType: 'settings', objectId: '1', changes: [{ __typename: 'AuditChange', field: 'autoCloseDays', before: '30', after: '14' }] })]),
      // Back to everything (asked again: cache-and-network).
      page({}, [event('9')]),
    ]);
    await screen.findAllByTestId('audit-row');
    // The choices come from the log itself.
    await waitFor(() => expect(within(screen.getByTestId('audit-filter-actor')).getAllByRole('option').map((o) => o.textContent)).toEqual(['所有操作者', '王店長 (帳號)', 'POS (API 金鑰)']));
    expect(within(screen.getByTestId('audit-filter-action')).getAllByRole('option').map((o) => o.textContent)).toEqual(['所有操作', '變更商店設定', '變更權限', '登入失敗']);

    fireEvent.change(screen.getByTestId('audit-filter-actor'), { target: { value: actor } });
    await screen.findByText((_, el) => el?.getAttribute('data-id') === '8');
    fireEvent.change(screen.getByTestId('audit-filter-action'), { target: { value: 'settings.update' } });
    await screen.findByText((_, el) => el?.getAttribute('data-id') === '7');
    fireEvent.change(screen.getByTestId('audit-filter-object-type'), { target: { value: 'settings' } });
    await screen.findByText((_, el) => el?.getAttribute('data-id') === '6');
    fireEvent.change(screen.getByTestId('audit-filter-object-id'), { target: { value: '1' } });
    await screen.findByText((_, el) => el?.getAttribute('data-id') === '5');
    fireEvent.change(screen.getByTestId('audit-filter-from'), { target: { value: '2026-12-01' } });
    await screen.findByText((_, el) => el?.getAttribute('data-id') === '4');
    fireEvent.change(screen.getByTestId('audit-filter-to'), { target: { value: '2026-12-04' } });
    const row = await screen.findByText((_, el) => el?.getAttribute('data-id') === '3');
    expect(within(row).getByTestId('audit-change').textContent).toBe('autoCloseDays: 30 → 14');

    expect(screen.getByTestId('address').textContent).toBe(`?actor=${actor}&action=settings.update&objectType=settings&objectId=1&from=2026-12-01&to=2026-12-04`);
    const link = screen.getByTestId('audit-download');
    expect(link.getAttribute('href')).toBe(
      `/exports/audit.csv?actorId=${actor}&action=settings.update&objectType=settings&objectId=1&from=2026-11-30T16%3A00%3A00.000Z&to=2026-12-04T16%3A00%3A00.000Z`,
    );
    // The server names the file (Content-Disposition: audit-<Taipei time>.csv).
    expect(link.hasAttribute('download')).toBe(true);

    // Clearing goes back to everything.
    fireEvent.click(screen.getByTestId('audit-filter-clear'));
    await screen.findByText((_, el) => el?.getAttribute('data-id') === '9');
    expect(screen.getByTestId('address').textContent).toBe('');
  });

  it('B5: pages forward and back by cursor', async () => {
    const first = Array.from({ length: 2 }, (_, i) => event(`p1-${i}`));
    renderPage('/audit-log', [
      page({}, first, { hasNextPage: true, totalCount: 3, endCursor: 'cursor-1' }),
      page({ after: 'cursor-1' }, [event('p2-0')], { totalCount: 3 }),
      page({}, first, { hasNextPage: true, totalCount: 3, endCursor: 'cursor-1' }),
    ]);
    expect((await screen.findAllByTestId('audit-row')).length).toBe(2);
    expect((screen.getByTestId('audit-previous') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('audit-next'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row').map((r) => r.getAttribute('data-id'))).toEqual(['p2-0']));
    expect(screen.getByTestId('audit-count').textContent).toBe('第 51–51 筆，共 3 筆');
    expect((screen.getByTestId('audit-next') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('audit-previous'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row').map((r) => r.getAttribute('data-id'))).toEqual(['p1-0', 'p1-1']));
  });

  it('B5: says when nothing is recorded, when nothing matches, and when the log cannot be loaded (with a retry)', async () => {
    const { unmount } = renderPage('/audit-log', [page({}, [])]);
    expect((await screen.findByTestId('audit-empty')).textContent).toContain('尚無操作紀錄');
    unmount();

    const second = renderPage('/audit-log?action=staff.disable', [page({ filter: { action: 'staff.disable' } }, [])]);
    expect((await screen.findByTestId('audit-empty')).textContent).toContain('沒有符合篩選條件的紀錄');
    second.unmount();

    renderPage('/audit-log', [{ request: { query: AuditEventsDocument, variables: { filter: {}, first: AUDIT_PAGE_SIZE, after: null } }, error: new Error('offline') }, page({}, [event('1')])]);
    expect((await screen.findByRole('alert')).textContent).toContain('無法載入操作紀錄');
    fireEvent.click(screen.getByTestId('audit-retry'));
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(1);
  });

  it('B5: a start date after the end date asks again instead of loading', async () => {
    renderPage('/audit-log?from=2026-12-05&to=2026-12-01', []);
    expect((await screen.findByTestId('audit-range-reversed')).textContent).toContain('開始日期晚於結束日期');
  });

  it('B5: the CSV download says a refusal on the page instead of saving it', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{"error":"FORBIDDEN"}', { status: 403 }));
    renderPage('/audit-log', [page({}, [event('1')])]);
    await screen.findAllByTestId('audit-row');
    fireEvent.click(screen.getByTestId('audit-download'));
    expect((await screen.findByTestId('audit-download-error')).textContent).toBe('無法下載：您沒有這份清單的權限。');
    expect(fetchMock).toHaveBeenCalledWith('/exports/audit.csv', { method: 'HEAD', credentials: 'same-origin' });
  });

  it('B5: 管理中心 > 操作紀錄 is in the menu for AUDIT_READ only, and opens the page', async () => {
    const entry = NAV.find((g) => g.label === 'settings')!.entries.find((e) => e.to === '/audit-log')!;
    expect(canSee(entry, ['AUDIT_READ'])).toBe(true);
    expect(canSee(entry, admin.permissions.filter((p) => p !== 'AUDIT_READ'))).toBe(false);
    const { unmount } = render(
      <TestProviders app="ADMIN" viewer={auditor} route="/audit-log" mocks={[choices, page({}, [event('1')])] as never}>
        <AppRoutes />
      </TestProviders>,
    );
    expect(await screen.findByText('操作紀錄', { selector: 'h2' })).toBeTruthy();
    expect((await screen.findByTestId(navTestId('/audit-log'))).textContent).toContain('操作紀錄');
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(1);
    unmount();
    // An admin without AUDIT_READ: no entry in the menu (the server would refuse the page anyway).
    render(
      <TestProviders app="ADMIN" viewer={{ ...admin, permissions: admin.permissions.filter((p) => p !== 'AUDIT_READ') }} route="/products" mocks={[]}>
        <AppRoutes />
      </TestProviders>,
    );
    await screen.findByTestId(navTestId('/products'));
    expect(screen.queryByTestId(navTestId('/audit-log'))).toBeNull();
  });

  it('B5: the filter read from and written to the address, as the API and the CSV take it', () => {
    const state = readAuditFilter(new URLSearchParams('actor=a&action=staff.&from=2026-12-01&to=2026-12-31'));
    expect(toApiFilter(state)).toEqual({ actorId: 'a', action: 'staff.', from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(auditCsvUrl(state)).toBe('/exports/audit.csv?actorId=a&action=staff.&from=2026-11-30T16%3A00%3A00.000Z&to=2026-12-31T16%3A00%3A00.000Z');
  });
});
