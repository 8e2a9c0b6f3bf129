import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { ProductCreateDocument, ProductDocument, ProductsDocument, ProductUpdateDocument } from '../api/catalog';
import { ProductEditPage, ProductNewPage } from './ProductFormPage';
import { ProductListPage } from './ProductListPage';

const emptyList = {
  request: { query: ProductsDocument, variables: { first: 20, after: null } },
  result: { data: { products: { __typename: 'ProductConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } },
};

const field = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });

function renderAt(route: string, mocks: object[]) {
  return render(
    <TestProviders app="ADMIN" viewer={admin} route={route} mocks={mocks as never}>
      <Routes>
        <Route path="/products" element={<ProductListPage />} />
        <Route path="/products/new" element={<ProductNewPage />} />
        <Route path="/products/:id" element={<ProductEditPage />} />
      </Routes>
    </TestProviders>,
  );
}

const noErrorsProduct = (id: string, title: string) => ({
  __typename: 'Product',
  id,
  kind: 'TICKET',
  title,
  description: '',
  terms: '',
  images: [],
  status: 'DRAFT',
  validFrom: null,
  validUntil: null,
  shippingFee: 0,
  freeShippingThreshold: null,
  variants: [],
});

const ticketInput = {
  kind: 'TICKET',
  title: '聖誕音樂會',
  description: '',
  terms: '憑 QR code 入場',
  images: [],
  status: 'DRAFT',
  validFrom: '2026-12-24T10:00:00.000Z',
  validUntil: null,
  shippingFee: null,
  freeShippingThreshold: null,
  variants: [
    { name: '早鳥票', price: 800, stock: 100, saleStartsAt: null, saleEndsAt: null },
    { name: '全票', price: 1200, stock: null, saleStartsAt: null, saleEndsAt: null },
  ],
};

async function fillTwoTicketTypes() {
  await screen.findByTestId('variant-row');
  expect(field('shippingFee')).toBeNull(); // K3: tickets have no shipping
  type('title', '聖誕音樂會');
  type('terms', '憑 QR code 入場');
  type('validFrom', '2026-12-24T18:00');
  type('variants.0.name', '早鳥票');
  type('variants.0.price', '800');
  type('variants.0.stock', '100');
  fireEvent.click(screen.getByTestId('variant-add'));
  type('variants.1.name', '全票');
  type('variants.1.price', '1200');
}

describe('product form', () => {
  it("C1: the server's field errors land next to the field they name, and all of them in the banner", async () => {
    const refused = {
      request: { query: ProductCreateDocument, variables: { input: ticketInput } },
      result: {
        data: {
          productCreate: {
            __typename: 'ProductCreatePayload',
            product: null,
            errors: [
              { __typename: 'ProductCreateError', code: 'INVALID_PRICE', message: '售價必須是 0 以上的整數', field: 'variants.1.price' },
              { __typename: 'ProductCreateError', code: 'INVALID_VALIDITY', message: '使用期限的開始必須早於結束', field: 'validUntil' },
            ],
          },
        },
      },
    };
    renderAt('/products/new?kind=TICKET', [refused]);
    await fillTwoTicketTypes();
    fireEvent.click(screen.getByTestId('product-save'));

    const banner = await screen.findByTestId('form-error');
    expect(banner.textContent).toContain('售價必須是 0 以上的整數');
    expect(banner.textContent).toContain('使用期限的開始必須早於結束');

    const [first, second] = screen.getAllByTestId('variant-row');
    expect(within(first!).queryByTestId('field-error')).toBeNull();
    expect(within(second!).getByTestId('field-error').textContent).toBe('售價必須是 0 以上的整數');
    expect(field('variants.1.price').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field('validUntil').getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('error'))!)?.textContent).toBe(
      '使用期限的開始必須早於結束',
    );
    // The keyboard is taken to the first field at fault.
    await waitFor(() => expect(document.activeElement).toBe(field('validUntil')));

    // Fixing a field clears its message.
    type('variants.1.price', '1000');
    expect(within(second!).queryByTestId('field-error')).toBeNull();
  });

  it('C1: a ticket with two ticket types is created, and the list says so', async () => {
    const created = {
      request: { query: ProductCreateDocument, variables: { input: ticketInput } },
      result: { data: { productCreate: { __typename: 'ProductCreatePayload', product: noErrorsProduct('p9', '聖誕音樂會'), errors: [] } } },
    };
    renderAt('/products/new?kind=TICKET', [created, emptyList]);
    await fillTwoTicketTypes();
    fireEvent.click(screen.getByTestId('product-save'));
    expect((await screen.findByTestId('notice')).textContent).toContain('已新增「聖誕音樂會」');
  });

  it('a ticket type without a price is caught before asking the server', async () => {
    renderAt('/products/new?kind=TICKET', []);
    await screen.findByTestId('variant-row');
    type('title', '講座');
    type('variants.0.name', '單堂');
    fireEvent.click(screen.getByTestId('product-save'));
    expect((await screen.findByTestId('field-error')).textContent).toBe('此欄位必填');
  });

  it('removing a saved ticket type says it will be archived, and leaves it out of the update', async () => {
    const product = {
      ...noErrorsProduct('p1', '親子劇場'),
      offlineRedemption: false,
      offlineWindowHours: 12,
      variants: [
        { __typename: 'Variant', id: 'v1', name: '早鳥票', price: 500, stockAvailable: 10, saleStartsAt: null, saleEndsAt: null },
        { __typename: 'Variant', id: 'v2', name: '全票', price: 700, stockAvailable: null, saleStartsAt: null, saleEndsAt: null },
      ],
    };
    const updated = {
      request: {
        query: ProductUpdateDocument,
        variables: {
          input: {
            id: 'p1',
            title: '親子劇場',
            description: '',
            terms: '',
            images: [],
            status: 'DRAFT',
            validFrom: null,
            validUntil: null,
            shippingFee: null,
            freeShippingThreshold: null,
            variants: [{ id: 'v2', name: '全票', price: 700, stock: null, saleStartsAt: null, saleEndsAt: null }],
          },
        },
      },
      result: { data: { productUpdate: { __typename: 'ProductUpdatePayload', product: { ...product, variants: [product.variants[1]] }, errors: [] } } },
    };
    renderAt('/products/p1', [{ request: { query: ProductDocument, variables: { id: 'p1' } }, result: { data: { product } } }, updated, emptyList]);
    await waitFor(() => expect(screen.getAllByTestId('variant-row')).toHaveLength(2));
    fireEvent.click(within(screen.getAllByTestId('variant-row')[0]!).getByTestId('variant-remove'));
    expect(screen.getAllByTestId('variant-row')).toHaveLength(1);
    expect(screen.getByTestId('variant-removed-notice').textContent).toContain('「早鳥票」將在儲存後封存');
    expect(field('variants.0.name').value).toBe('全票');
    fireEvent.click(screen.getByTestId('product-save'));
    expect((await screen.findByTestId('notice')).textContent).toContain('已儲存「親子劇場」');
  });

  it('C4: goods have shipping fields and no ticket terms', async () => {
    renderAt('/products/new?kind=GOODS', []);
    await screen.findByTestId('variant-row');
    expect(field('shippingFee')).not.toBeNull();
    expect(field('freeShippingThreshold')).not.toBeNull();
    expect(field('terms')).toBeNull();
    expect(screen.getByRole('heading', { name: '新增一般商品' })).toBeTruthy();
  });
});
