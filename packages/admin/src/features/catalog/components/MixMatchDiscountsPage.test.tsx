import { fireEvent, render, screen } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { ArchivedVariantLabelsDocument, MixMatchDiscountCreateDocument, MixMatchDiscountsDocument, VariantOptionsDocument } from '../api/catalog';
import { MixMatchDiscountsPage, zheDiscount } from './MixMatchDiscountsPage';

const field = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });


const archivedLabels = {
  request: { query: ArchivedVariantLabelsDocument },
  result: {
    data: {
      products: {
        __typename: 'ProductConnection',
        edges: [
          {
            __typename: 'ProductEdge',
            node: { __typename: 'Product', id: 'p0', kind: 'TICKET', title: '跨年晚會', variants: [{ __typename: 'Variant', id: 'v5', name: '單人票' }] },
          },
        ],
      },
    },
  },
};

const options = {
  request: { query: VariantOptionsDocument },
  result: {
    data: {
      products: {
        __typename: 'ProductConnection',
        edges: [
          {
            __typename: 'ProductEdge',
            node: {
              __typename: 'Product',
              id: 'p1',
              kind: 'TICKET',
              title: '親子劇場',
              variants: [
                { __typename: 'Variant', id: 'v1', name: '早鳥票' },
                { __typename: 'Variant', id: 'v2', name: '全票' },
              ],
            },
          },
        ],
      },
    },
  },
};

const discount = {
  __typename: 'MixMatchDiscount',
  id: 'd1',
  name: '任選 3 張 8 折',
  active: true,
  requiredQuantity: 3,
  fixedPrice: null,
  percentOff: 20,
  variants: [
    { __typename: 'Variant', id: 'v1', name: '早鳥票' },
    { __typename: 'Variant', id: 'v5', name: '單人票' },
  ],
};

const createMock = (errors: object[]) => ({
  request: {
    query: MixMatchDiscountCreateDocument,
    variables: { input: { name: '任選 3 張 8 折', requiredQuantity: 3, variantIds: ['v1'], fixedPrice: null, percentOff: 20 } },
  },
  result: {
    data: {
      mixMatchDiscountCreate: {
        __typename: 'MixMatchDiscountCreatePayload',
        mixMatchDiscount: errors.length ? null : { __typename: 'MixMatchDiscount', id: 'd1' },
        errors: errors.map((e) => ({ __typename: 'MixMatchDiscountCreateError', ...e })),
      },
    },
  },
});

async function fillPercentOff() {
  await screen.findByTestId('discounts-empty');
  type('name', '任選 3 張 8 折');
  type('requiredQuantity', '3');
  fireEvent.click(screen.getByLabelText('百分比折扣'));
  expect(field('fixedPrice')).toBeNull();
  type('percentOff', '20');
  const picker = screen.getByTestId('variant-picker');
  fireEvent.focus(picker);
  fireEvent.click(picker);
  fireEvent.click(await screen.findByRole('option', { name: '親子劇場 — 早鳥票', hidden: true }));
}

describe('任選折扣', () => {
  it('C3: a percent-off discount sends only percentOff, and the server refusal shows on that field', async () => {
    const mocks = [
      { request: { query: MixMatchDiscountsDocument }, result: { data: { mixMatchDiscounts: [] } } },
      options,
      archivedLabels,
      createMock([{ code: 'INVALID_DISCOUNT', message: '請填寫固定價格或折扣百分比其中一項', field: 'fixedPrice' }]),
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/mix-match" mocks={mocks}>
        <MixMatchDiscountsPage />
      </TestProviders>,
    );
    await fillPercentOff();
    fireEvent.click(screen.getByTestId('discount-create-submit'));
    expect((await screen.findByTestId('field-error')).textContent).toBe('請填寫固定價格或折扣百分比其中一項');
    expect(field('percentOff').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('form-error').textContent).toContain('請填寫固定價格或折扣百分比其中一項');
  });

  it('C3: once created it is listed as "any 3 for 8 折" with each "product — ticket type", archived products included', async () => {
    const mocks = [
      { request: { query: MixMatchDiscountsDocument }, result: { data: { mixMatchDiscounts: [] } } },
      options,
      archivedLabels,
      createMock([]),
      { request: { query: MixMatchDiscountsDocument }, result: { data: { mixMatchDiscounts: [discount] } } },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/mix-match" mocks={mocks}>
        <MixMatchDiscountsPage />
      </TestProviders>,
    );
    await fillPercentOff();
    fireEvent.click(screen.getByTestId('discount-create-submit'));
    // The notice comes once the list has been refetched, so it is waited for first: then the row is there too.
    expect((await screen.findByTestId('notice')).textContent).toContain('已建立任選折扣「任選 3 張 8 折」');
    const row = screen.getByTestId('discount-row');
    expect(row.textContent).toContain('任選 3 件 8 折');
    expect(row.textContent).toContain('親子劇場 — 早鳥票');
    expect(row.textContent).toContain('跨年晚會 — 單人票'); // a ticket type of an archived product
    expect(field('name').value).toBe('');
  });

  it('says percent off the Taiwanese way', () => {
    expect(zheDiscount(20)).toBe('8');
    expect(zheDiscount(15)).toBe('85');
    expect(zheDiscount(5)).toBe('95');
  });
});
