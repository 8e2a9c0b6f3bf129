import { render, screen } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../app/AppRoutes';
import { memoryCartStore, paidTicketOrder, shopper } from '../../../test/fixtures';
import { MyOrdersDocument } from '../api/orders';

const myOrders = (orders: (typeof paidTicketOrder)[], hasNextPage = false) => ({
  request: { query: MyOrdersDocument, variables: { first: 10, after: null } },
  result: {
    data: {
      myOrders: {
        __typename: 'OrderConnection',
        edges: orders.map((node, i) => ({ __typename: 'OrderEdge', cursor: String(i), node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: hasNextPage ? 'c1' : null },
        totalCount: orders.length + (hasNextPage ? 10 : 0),
      },
    },
  },
});

function renderOrders(mock: ReturnType<typeof myOrders>) {
  render(
    <TestProviders route="/account/orders" viewer={shopper} mocks={[mock]}>
      <AppRoutes cartStore={memoryCartStore()} />
    </TestProviders>,
  );
}

describe('我的帳戶 > 電子票券訂單查詢', () => {
  it('T3: lists the orders with number, date in Asia/Taipei, status and total, each linking to its page', async () => {
    renderOrders(myOrders([paidTicketOrder], true));
    const row = await screen.findByTestId('order-row');
    expect(row.getAttribute('href')).toBe('/account/orders/o1');
    expect(row.textContent).toContain('T20261126-000123');
    expect(row.textContent).toContain('已付款');
    expect(row.textContent).toContain('NT$2,800');
    // 04:00 UTC is 12:00 in Taipei.
    expect(row.textContent).toContain('12:00');
    expect(screen.getByTestId('orders-next').hasAttribute('disabled')).toBe(false);
    expect(screen.getByTestId('orders-prev').hasAttribute('disabled')).toBe(true);
  });

  it('says so when there are no orders yet', async () => {
    renderOrders(myOrders([]));
    expect((await screen.findByTestId('orders-empty')).textContent).toContain('還沒有訂單');
  });
});
