import { fireEvent, render, screen } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { ArchivedVariantLabelsDocument, PurchaseLimitGroupCreateDocument, PurchaseLimitGroupsDocument, VariantOptionsDocument } from '../api/catalog';
import { PurchaseLimitGroupsPage } from './PurchaseLimitGroupsPage';

const field = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });

const product = (id: string, kind: string, title: string, variants: [string, string][]) => ({
  __typename: 'ProductEdge',
  node: { __typename: 'Product', id, kind, title, variants: variants.map(([vid, name]) => ({ __typename: 'Variant', id: vid, name })) },
});


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
        edges: [product('p1', 'TICKET', '親子劇場', [['v1', '早鳥票']]), product('p2', 'GOODS', '紀念 T 恤', [['v9', 'M']])],
      },
    },
  },
};

async function pick(label: string) {
  const picker = screen.getByTestId('variant-picker');
  fireEvent.focus(picker);
  fireEvent.click(picker);
  fireEvent.click(await screen.findByRole('option', { name: label, hidden: true }));
}

describe('限購群組', () => {
  it('C2: blank fields are all marked at once, before asking the server', async () => {
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/purchase-limits" mocks={[{ request: { query: PurchaseLimitGroupsDocument }, result: { data: { purchaseLimitGroups: [] } } }, options, archivedLabels]}>
        <PurchaseLimitGroupsPage />
      </TestProviders>,
    );
    await screen.findByTestId('groups-empty');
    fireEvent.click(screen.getByTestId('group-create-submit'));
    expect((await screen.findAllByTestId('field-error')).map((e) => e.getAttribute('data-field')).sort()).toEqual(['maxQuantity', 'name', 'variantIds']);
  });

  it('C2: the server refusing e-tickets and goods in one group shows at the ticket-type picker', async () => {
    const refused = {
      request: { query: PurchaseLimitGroupCreateDocument, variables: { input: { name: '每人限購', maxQuantity: 4, variantIds: ['v1', 'v9'] } } },
      result: {
        data: {
          purchaseLimitGroupCreate: {
            __typename: 'PurchaseLimitGroupCreatePayload',
            purchaseLimitGroup: null,
            errors: [{ __typename: 'PurchaseLimitGroupCreateError', code: 'MIXED_KINDS', message: '電子票券與一般商品不可混在同一組', field: 'variantIds' }],
          },
        },
      },
    };
    render(
      <TestProviders
        app="ADMIN"
        viewer={admin}
        route="/purchase-limits"
        mocks={[{ request: { query: PurchaseLimitGroupsDocument }, result: { data: { purchaseLimitGroups: [] } } }, options, archivedLabels, refused]}
      >
        <PurchaseLimitGroupsPage />
      </TestProviders>,
    );
    await screen.findByTestId('groups-empty');
    type('name', '每人限購');
    type('maxQuantity', '4');
    await pick('親子劇場 — 早鳥票');
    await pick('紀念 T 恤 — M');
    fireEvent.click(screen.getByTestId('group-create-submit'));
    const error = await screen.findByTestId('field-error');
    expect(error.getAttribute('data-field')).toBe('variantIds');
    expect(error.textContent).toBe('電子票券與一般商品不可混在同一組');
    expect(screen.getByTestId('form-error').textContent).toBe('電子票券與一般商品不可混在同一組');
  });
});
