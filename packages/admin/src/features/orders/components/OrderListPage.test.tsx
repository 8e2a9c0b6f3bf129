import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { formatDateTime } from '@ticket/ui';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { OrdersDocument } from '../api/orders';
import { OrderListPage } from './OrderListPage';

const row = (id: string, number: string, status: string, hasUnreadInquiry: boolean) => ({
  __typename: 'Order',
  id,
  number,
  kind: 'TICKET',
  status,
  createdAt: '2026-11-25T16:30:00Z',
  total: 1000,
  hasUnreadInquiry,
  recipient: { __typename: 'Recipient', name: '王小明', phone: '0912345678' },
});

const page = (nodes: object[], totalCount = nodes.length) => ({
  data: {
    orders: {
      __typename: 'OrderConnection',
      totalCount,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      edges: nodes.map((node) => ({ __typename: 'OrderEdge', node })),
    },
  },
});

describe('所有訂單', () => {
  it('F1: marks orders with unread inquiries, and the toggle lists only those', async () => {
    const mocks = [
      {
        request: { query: OrdersDocument, variables: { filter: {}, first: 20, after: null } },
        result: page([row('o1', 'T20261126-000002', 'PAID', true), row('o2', 'T20261126-000001', 'RETURN_REVIEW', false)]),
      },
      {
        request: { query: OrdersDocument, variables: { filter: { hasUnreadInquiry: true }, first: 20, after: null } },
        result: page([row('o1', 'T20261126-000002', 'PAID', true)]),
      },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/orders" mocks={mocks}>
        <OrderListPage />
      </TestProviders>,
    );
    const rows = await screen.findAllByTestId('order-row');
    expect(rows.map((r) => [r.getAttribute('data-order-id'), r.getAttribute('data-unread')])).toEqual([
      ['o1', 'true'],
      ['o2', 'false'],
    ]);
    const cells = within(rows[0]!).getAllByRole('cell').map((c) => c.textContent);
    // 2026-11-25T16:30Z is 00:30 on the 26th in Taipei; the phone is masked in the list.
    expect(cells[1]).toMatch(/^2026\/11\/26\s00:30$/);
    expect(cells).toEqual(['T20261126-000002', formatDateTime('2026-11-25T16:30:00Z'), '電子票券', '王小明', '0912***678', '已付款', 'NT$1,000', '未讀詢問']);
    expect(within(rows[1]!).getByTestId('order-status').textContent).toBe('退貨審查');
    expect(within(rows[1]!).queryByTestId('order-unread')).toBeNull();

    fireEvent.click(screen.getByTestId('filter-unread'));
    await waitFor(() => expect(screen.getAllByTestId('order-row')).toHaveLength(1));
    expect(screen.getByTestId('orders-total').textContent).toContain('共 1 筆');
  });

  it('searches by number, name or phone after a pause, and says when nothing matches', async () => {
    const mocks = [
      { request: { query: OrdersDocument, variables: { filter: {}, first: 20, after: null } }, result: page([row('o1', 'T20261126-000002', 'PAID', false)]) },
      { request: { query: OrdersDocument, variables: { filter: { search: '0987' }, first: 20, after: null } }, result: page([]) },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/orders" mocks={mocks}>
        <OrderListPage />
      </TestProviders>,
    );
    await screen.findByTestId('order-row');
    fireEvent.change(screen.getByTestId('orders-search'), { target: { value: '0987' } });
    expect((await screen.findByTestId('orders-empty')).textContent).toContain('沒有符合條件的訂單');
  });
});
