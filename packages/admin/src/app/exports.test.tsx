import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrdersDocument } from '../features/orders/api/orders';
import { OrderListPage } from '../features/orders/components/OrderListPage';
import { RedemptionListPage } from '../features/redemption/components/RedemptionListPage';
import { admin } from '../test/fixtures';
import { exportUrl } from '../components/CsvExportButton';

const emptyOrders = (filter: object) => ({
  request: { query: OrdersDocument, variables: { filter, first: 20, after: null } },
  result: { data: { orders: { __typename: 'OrderConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } },
});

afterEach(() => vi.restoreAllMocks());

describe('CSV exports of whole lists', () => {
  it("所有訂單: the export carries the list's filters (Taipei days as instants), the same as the list asks for", async () => {
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/orders?status=PAID,CLOSED&kind=TICKET&unread=1&q=0912&from=2026-12-01&to=2026-12-02" mocks={[
        emptyOrders({ status: ['PAID', 'CLOSED'], kind: 'TICKET', hasUnreadInquiry: true, search: '0912', createdFrom: '2026-11-30T16:00:00.000Z', createdTo: '2026-12-02T16:00:00.000Z' }),
      ]}>
        <OrderListPage />
      </TestProviders>,
    );
    await screen.findByTestId('orders-empty');
    const href = new URL(screen.getByTestId('orders-export').getAttribute('href')!, 'http://admin');
    expect(href.pathname).toBe('/exports/orders.csv');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      status: 'PAID,CLOSED',
      kind: 'TICKET',
      hasUnreadInquiry: 'true',
      search: '0912',
      createdFrom: '2026-11-30T16:00:00.000Z',
      createdTo: '2026-12-02T16:00:00.000Z',
    });
  });

  it('a click asks with HEAD first: a refusal is said on the page; allowed, the browser downloads the file itself', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(new Response(null, { status: 403 }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/redemptions?field=RECIPIENT_NAME&q=%E7%8E%8B" mocks={[]}>
        <RedemptionListPage />
      </TestProviders>,
    );
    const button = screen.getByTestId('redemptions-export');
    expect(button.getAttribute('href')).toBe('/exports/redemptions.csv?field=RECIPIENT_NAME&query=%E7%8E%8B');
    fireEvent.click(button);
    expect((await screen.findByTestId('redemptions-export-error')).textContent).toBe('無法下載：您沒有這份清單的權限。');
    expect(fetchMock).toHaveBeenCalledWith('/exports/redemptions.csv?field=RECIPIENT_NAME&query=%E7%8E%8B', { method: 'HEAD', credentials: 'same-origin' });
    expect(clicked).not.toHaveBeenCalled();

    fetchMock.mockResolvedValueOnce(new Response(null, { status: 200 }));
    fireEvent.click(button);
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('redemptions-export-error')).toBeNull();
  });

  it('leaves out empty parameters', () => {
    expect(exportUrl('orders.csv', { status: [], kind: null, search: '', hasUnreadInquiry: false })).toBe('/exports/orders.csv');
    expect(exportUrl('redemptions.csv', {})).toBe('/exports/redemptions.csv');
  });
});
