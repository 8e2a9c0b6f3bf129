import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import {
  ArchivedVariantLabelsDocument,
  MixMatchDiscountDeleteDocument,
  MixMatchDiscountsDocument,
  MixMatchDiscountUpdateDocument,
  ProductDuplicateDocument,
  ProductsDocument,
  PurchaseLimitGroupDeleteDocument,
  PurchaseLimitGroupsDocument,
  PurchaseLimitGroupUpdateDocument,
  VariantOptionsDocument,
} from '../api/catalog';
import { MixMatchDiscountsPage } from './MixMatchDiscountsPage';
import { ProductListPage } from './ProductListPage';
import { PurchaseLimitGroupsPage } from './PurchaseLimitGroupsPage';

const variant = (id: string, name: string) => ({ __typename: 'Variant', id, name });
const options = {
  request: { query: VariantOptionsDocument },
  result: {
    data: {
      products: {
        __typename: 'ProductConnection',
        edges: [{ __typename: 'ProductEdge', node: { __typename: 'Product', id: 'p1', kind: 'TICKET', title: '親子劇場', variants: [variant('v1', '早鳥票'), variant('v2', '全票')] } }],
      },
    },
  },
};
const archivedLabels = { request: { query: ArchivedVariantLabelsDocument }, result: { data: { products: { __typename: 'ProductConnection', edges: [] } } } };

const discount = { __typename: 'MixMatchDiscount', id: 'd1', name: '任選 3 張 8 折', active: true, requiredQuantity: 3, fixedPrice: null, percentOff: 20, variants: [variant('v1', '早鳥票')] };
const group = { __typename: 'PurchaseLimitGroup', id: 'g1', name: '早鳥限購', maxQuantity: 4, variants: [variant('v1', '早鳥票')] };
const error = (typename: string, e: { code: string; message: string; field: string | null }) => ({ __typename: typename, ...e });

function renderAt(route: string, page: ReactNode, mocks: object[]) {
  return render(
    <TestProviders app="ADMIN" viewer={admin} route={route} mocks={mocks as never}>
      {page}
    </TestProviders>,
  );
}

const dialog = async () => within(await screen.findByRole('dialog'));
const fieldIn = (scope: HTMLElement, name: string) => scope.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe('任選折扣: change and delete', () => {
  it('C3: 編輯 opens the discount in a form; saving sends the whole discount with its id and active, and the list shows the change', async () => {
    const changed = { ...discount, name: '任選 3 張 85 折', percentOff: 15, active: false };
    renderAt('/mix-match', <MixMatchDiscountsPage />, [
      { request: { query: MixMatchDiscountsDocument }, result: { data: { mixMatchDiscounts: [discount] } } },
      options,
      archivedLabels,
      {
        request: {
          query: MixMatchDiscountUpdateDocument,
          variables: { input: { id: 'd1', name: '任選 3 張 85 折', requiredQuantity: 3, variantIds: ['v1'], fixedPrice: null, percentOff: 15, active: false } },
        },
        result: { data: { mixMatchDiscountUpdate: { __typename: 'MixMatchDiscountUpdatePayload', mixMatchDiscount: changed, errors: [] } } },
      },
      { request: { query: MixMatchDiscountsDocument }, result: { data: { mixMatchDiscounts: [changed] } } },
    ]);
    fireEvent.click(await screen.findByTestId('discount-edit'));
    const form = await dialog();
    const modal = screen.getByRole('dialog');
    expect(fieldIn(modal, 'name').value).toBe('任選 3 張 8 折');
    expect(fieldIn(modal, 'percentOff').value).toBe('20');
    expect(form.getByText(/已成立的訂單維持原本的價格/)).toBeTruthy();
    fireEvent.change(fieldIn(modal, 'name'), { target: { value: '任選 3 張 85 折' } });
    fireEvent.change(fieldIn(modal, 'percentOff'), { target: { value: '15' } });
    fireEvent.click(form.getByTestId('discount-active'));
    fireEvent.click(form.getByTestId('discount-save-submit'));
    expect((await screen.findByTestId('notice')).textContent).toContain('已更新「任選 3 張 85 折」');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = screen.getByTestId('discount-row');
    expect(row.textContent).toContain('85 折');
    expect(row.textContent).toContain('停用');
  });

  it('C3: a refusal of the change shows on its field and keeps the dialog open', async () => {
    renderAt('/mix-match', <MixMatchDiscountsPage />, [
      { request: { query: MixMatchDiscountsDocument }, result: { data: { mixMatchDiscounts: [discount] } } },
      options,
      archivedLabels,
      {
        request: { query: MixMatchDiscountUpdateDocument, variables: { input: { id: 'd1', name: '任選 3 張 8 折', requiredQuantity: 3, variantIds: ['v1'], fixedPrice: null, percentOff: 20, active: true } } },
        result: {
          data: {
            mixMatchDiscountUpdate: {
              __typename: 'MixMatchDiscountUpdatePayload',
              mixMatchDiscount: null,
              errors: [error('MixMatchDiscountUpdateError', { code: 'NOT_FOUND', message: '找不到此設定，可能已被刪除', field: 'id' })],
            },
          },
        },
      },
    ]);
    fireEvent.click(await screen.findByTestId('discount-edit'));
    const form = await dialog();
    fireEvent.click(form.getByTestId('discount-save-submit'));
    expect((await form.findByTestId('form-error')).textContent).toContain('找不到此設定，可能已被刪除');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('C3: 刪除 asks first (past orders keep their prices, it cannot be undone); cancelling sends nothing, confirming deletes it', async () => {
    renderAt('/mix-match', <MixMatchDiscountsPage />, [
      { request: { query: MixMatchDiscountsDocument }, result: { data: { mixMatchDiscounts: [discount] } } },
      options,
      archivedLabels,
      {
        request: { query: MixMatchDiscountDeleteDocument, variables: { input: { id: 'd1' } } },
        result: { data: { mixMatchDiscountDelete: { __typename: 'MixMatchDiscountDeletePayload', deletedId: 'd1', errors: [] } } },
      },
      { request: { query: MixMatchDiscountsDocument }, result: { data: { mixMatchDiscounts: [] } } },
    ]);
    fireEvent.click(await screen.findByTestId('discount-delete'));
    let confirm = await dialog();
    expect(confirm.getByText(/已成立的訂單維持原本的價格。刪除後無法復原/)).toBeTruthy();
    fireEvent.click(confirm.getByTestId('confirm-cancel'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('discount-row')).toBeTruthy();

    fireEvent.click(screen.getByTestId('discount-delete'));
    confirm = await dialog();
    fireEvent.click(confirm.getByTestId('confirm-submit'));
    expect((await screen.findByTestId('discounts-empty')).textContent).toContain('尚無');
    expect(screen.getByTestId('notice').textContent).toContain('已刪除「任選 3 張 8 折」');
  });
});

describe('限購群組: change and delete', () => {
  it('C2: 編輯 changes the maximum; 刪除 asks first and says past orders are not affected', async () => {
    const changed = { ...group, maxQuantity: 2 };
    renderAt('/purchase-limits', <PurchaseLimitGroupsPage />, [
      { request: { query: PurchaseLimitGroupsDocument }, result: { data: { purchaseLimitGroups: [group] } } },
      options,
      archivedLabels,
      {
        request: { query: PurchaseLimitGroupUpdateDocument, variables: { input: { id: 'g1', name: '早鳥限購', maxQuantity: 2, variantIds: ['v1'] } } },
        result: { data: { purchaseLimitGroupUpdate: { __typename: 'PurchaseLimitGroupUpdatePayload', purchaseLimitGroup: changed, errors: [] } } },
      },
      { request: { query: PurchaseLimitGroupsDocument }, result: { data: { purchaseLimitGroups: [changed] } } },
      {
        request: { query: PurchaseLimitGroupDeleteDocument, variables: { input: { id: 'g1' } } },
        result: { data: { purchaseLimitGroupDelete: { __typename: 'PurchaseLimitGroupDeletePayload', deletedId: 'g1', errors: [] } } },
      },
      { request: { query: PurchaseLimitGroupsDocument }, result: { data: { purchaseLimitGroups: [] } } },
    ]);
    fireEvent.click(await screen.findByTestId('group-edit'));
    const form = await dialog();
    const modal = screen.getByRole('dialog');
    expect(fieldIn(modal, 'maxQuantity').value).toBe('4');
    fireEvent.change(fieldIn(modal, 'maxQuantity'), { target: { value: '2' } });
    fireEvent.click(form.getByTestId('group-save-submit'));
    expect((await screen.findByTestId('notice')).textContent).toContain('已更新「早鳥限購」');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('group-row').textContent).toContain('2');

    fireEvent.click(screen.getByTestId('group-delete'));
    const confirm = await dialog();
    expect(confirm.getByText(/已成立的訂單不受影響。刪除後無法復原/)).toBeTruthy();
    fireEvent.click(confirm.getByTestId('confirm-submit'));
    await screen.findByTestId('groups-empty');
    expect(screen.getByTestId('notice').textContent).toContain('已刪除「早鳥限購」');
  });
});

describe('電子票券列表: 複製', () => {
  const row = (id: string, title: string, status: string) => ({ __typename: 'Product', id, kind: 'TICKET', title, status, images: [], variants: [{ __typename: 'Variant', id: `${id}-v`, price: 500 }] });
  const page = (nodes: object[]) => ({
    data: { products: { __typename: 'ProductConnection', totalCount: nodes.length, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: nodes.map((node) => ({ __typename: 'ProductEdge', node })) } },
  });

  it('copies a product as a draft after asking, and the copy is listed', async () => {
    renderAt('/products', <ProductListPage />, [
      { request: { query: ProductsDocument, variables: { first: 20, after: null } }, result: page([row('p1', '親子劇場', 'ACTIVE')]) },
      {
        request: { query: ProductDuplicateDocument, variables: { input: { id: 'p1' } } },
        result: { data: { productDuplicate: { __typename: 'ProductDuplicatePayload', product: row('p9', '親子劇場（複製）', 'DRAFT'), errors: [] } } },
      },
      { request: { query: ProductsDocument, variables: { first: 20, after: null } }, result: page([row('p9', '親子劇場（複製）', 'DRAFT'), row('p1', '親子劇場', 'ACTIVE')]) },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: '複製「親子劇場」' }));
    const confirm = await dialog();
    expect(confirm.getByText(/草稿副本/)).toBeTruthy();
    fireEvent.click(confirm.getByTestId('confirm-submit'));
    expect((await screen.findByTestId('notice')).textContent).toContain('已建立草稿「親子劇場（複製）」');
    await waitFor(() => expect(screen.getAllByTestId('product-row').map((r) => r.getAttribute('data-product-id'))).toEqual(['p9', 'p1']));
    expect(within(screen.getAllByTestId('product-row')[0]!).getByTestId('product-status').getAttribute('data-status')).toBe('DRAFT');
  });
});
