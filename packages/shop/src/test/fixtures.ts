/** GraphQL answers for component tests, shaped like the server's (with __typename, as the cache wants). */
import type { Viewer } from '@ticket/ui';
import { CatalogHomeDocument, ProductPageDocument } from '../features/catalog/api/catalog';
import { CheckoutProductDocument } from '../features/checkout/api/checkout';
import { CartDiscountsDocument } from '../shared/cart';

export const shopper: Viewer = { id: 'u1', name: '陳小美', email: 'shopper@example.com', role: 'CUSTOMER', permissions: ['SHOPPER_ACCESS'] };

export const TERMS = '1. 本票券限當日使用一次，請於入場時出示 QR code。\n2. 已核銷之票券不得退費。';

export const concert = {
  __typename: 'Product' as const,
  id: 'p-concert',
  kind: 'TICKET' as const,
  status: 'ACTIVE' as const,
  title: '夏日爵士音樂會',
  description: '台北爵士樂團年度演出。',
  terms: TERMS,
  images: [] as string[],
  validFrom: '2026-11-25T00:00:00.000Z',
  validUntil: '2027-02-24T00:00:00.000Z',
  shippingFee: 0,
  freeShippingThreshold: null,
  variants: [
    { __typename: 'Variant' as const, id: 'v-early', name: '早鳥票', price: 800, stockAvailable: 100, saleStartsAt: null, saleEndsAt: null },
    { __typename: 'Variant' as const, id: 'v-full', name: '全票', price: 1200, stockAvailable: 300, saleStartsAt: null, saleEndsAt: null },
    { __typename: 'Variant' as const, id: 'v-group', name: '團體票', price: 4000, stockAvailable: 0, saleStartsAt: null, saleEndsAt: null },
  ],
};

export const giftBox = {
  ...concert,
  id: 'p-gift',
  kind: 'GOODS' as const,
  title: '濾掛咖啡禮盒',
  terms: '',
  validFrom: null,
  validUntil: null,
  shippingFee: 80,
  freeShippingThreshold: 1000,
  variants: [{ __typename: 'Variant' as const, id: 'v-gift', name: '10 入', price: 450, stockAvailable: 500, saleStartsAt: null, saleEndsAt: null }],
};

export const discounts = [
  {
    __typename: 'MixMatchDiscount' as const,
    id: 'd1',
    name: '兌換組任選 2 組 $600',
    active: true,
    requiredQuantity: 2,
    fixedPrice: 600,
    percentOff: null,
    variants: [
      { __typename: 'Variant' as const, id: 'v-shohoku', name: '湘北隊兌換組' },
      { __typename: 'Variant' as const, id: 'v-ryonan', name: '陵南隊兌換組' },
    ],
  },
];

type P = typeof concert | typeof giftBox;

const connection = (nodes: P[]) => ({
  __typename: 'ProductConnection',
  edges: nodes.map((node) => ({ __typename: 'ProductEdge', node })),
  pageInfo: { __typename: 'PageInfo', hasNextPage: false },
  totalCount: nodes.length,
});

export const catalogHomeMock = (tickets: P[], goods: P[] = []) => ({
  request: { query: CatalogHomeDocument, variables: { first: 24 } },
  result: { data: { tickets: connection(tickets), goods: connection(goods) } },
});

export const productPageMock = (product: P) => ({
  request: { query: ProductPageDocument, variables: { id: product.id } },
  result: { data: { product, mixMatchDiscounts: discounts } },
});

export const checkoutProductMock = (product: P) => ({
  request: { query: CheckoutProductDocument, variables: { id: product.id } },
  result: { data: { product } },
  maxUsageCount: 10,
});

export const cartDiscountsMock = () => ({
  request: { query: CartDiscountsDocument },
  result: { data: { mixMatchDiscounts: discounts } },
  maxUsageCount: 10,
});
