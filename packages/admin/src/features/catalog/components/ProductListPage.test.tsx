import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { ProductsDocument } from '../api/catalog';
import { priceRange, ProductListPage } from './ProductListPage';

const row = (id: string, title: string, kind: string, status: string, prices: number[]) => ({
  __typename: 'Product',
  id,
  kind,
  title,
  status,
  images: [],
  variants: prices.map((price, i) => ({ __typename: 'Variant', id: `${id}-v${i}`, price })),
});

const page = (nodes: object[], totalCount: number, hasNextPage: boolean, endCursor: string | null) => ({
  data: {
    products: {
      __typename: 'ProductConnection',
      totalCount,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
      edges: nodes.map((node) => ({ __typename: 'ProductEdge', node })),
    },
  },
});

describe('電子票券列表', () => {
  it('C1: lists products with kind, status, ticket-type count and price range, a page at a time', async () => {
    const mocks = [
      {
        request: { query: ProductsDocument, variables: { first: 20, after: null } },
        result: page([row('p1', '聖誕音樂會', 'TICKET', 'ACTIVE', [800, 1200]), row('p2', '紀念 T 恤', 'GOODS', 'DRAFT', [450])], 21, true, 'MTk'),
      },
      {
        request: { query: ProductsDocument, variables: { first: 20, after: 'MTk' } },
        result: page([row('p3', '親子劇場', 'TICKET', 'ACTIVE', [])], 21, false, 'MjA'),
      },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/products" mocks={mocks}>
        <ProductListPage />
      </TestProviders>,
    );
    const rows = await screen.findAllByTestId('product-row');
    expect(rows.map((r) => r.getAttribute('data-product-id'))).toEqual(['p1', 'p2']);
    const cells = within(rows[0]!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 5)).toEqual(['聖誕音樂會', '電子票券', '上架中', '2', 'NT$800 – NT$1,200']);
    expect(within(rows[1]!).getByText('一般商品')).toBeTruthy();
    expect(within(rows[1]!).getByText('草稿')).toBeTruthy();
    expect(screen.getByTestId('products-total').textContent).toContain('共 21 筆');

    fireEvent.click(screen.getByTestId('products-next'));
    expect((await screen.findByText('親子劇場')).closest('[data-testid="product-row"]')?.getAttribute('data-product-id')).toBe('p3');
    expect(screen.getByTestId('products-next').hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('products-prev').hasAttribute('disabled')).toBe(false);
  });

  it('C1: archived products are found by choosing that status; an empty result says so', async () => {
    const mocks = [
      { request: { query: ProductsDocument, variables: { first: 20, after: null } }, result: page([row('p1', '聖誕音樂會', 'TICKET', 'ACTIVE', [800])], 1, false, 'MA') },
      { request: { query: ProductsDocument, variables: { status: 'ARCHIVED', first: 20, after: null } }, result: page([], 0, false, null) },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/products" mocks={mocks}>
        <ProductListPage />
      </TestProviders>,
    );
    await screen.findByTestId('product-row');
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'ARCHIVED' } });
    expect((await screen.findByTestId('products-empty')).textContent).toContain('沒有已封存的商品');
  });

  it('shows one price, a range, or a dash', () => {
    expect(priceRange([])).toBe('—');
    expect(priceRange([{ price: 500 }, { price: 500 }])).toBe('NT$500');
    expect(priceRange([{ price: 1200 }, { price: 300 }])).toBe('NT$300 – NT$1,200');
  });
});
