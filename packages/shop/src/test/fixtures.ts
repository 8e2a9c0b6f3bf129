/** GraphQL answers for component tests, shaped like the server's (with __typename, as the cache wants). */
import type { Viewer } from '@ticket/ui';
import { CatalogHomeDocument, ProductPageDocument } from '../features/catalog/api/catalog';
import { CheckoutProductDocument, PaymentConfigDocument } from '../features/checkout/api/checkout';
import { OrderDetailDocument } from '../features/orders/api/orders';
import { CartDiscountsDocument, createCartStore, type CartLine, type CartStore } from '../shared/cart';

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

/** B6: which card gateway the checkout talks to (the simulator unless told), and TapPay's public app id and key. */
export const paymentConfigMock = (gateway: 'simulator' | 'tappay' = 'simulator') => ({
  request: { query: PaymentConfigDocument },
  result: {
    data: {
      paymentConfig:
        gateway === 'tappay'
          ? { __typename: 'PaymentConfigInfo', gateway, tappayAppId: 11327, tappayAppKey: 'app_testkey123', tappayServerType: 'sandbox' }
          : { __typename: 'PaymentConfigInfo', gateway, tappayAppId: null, tappayAppKey: null, tappayServerType: null },
    },
  },
  maxUsageCount: 10,
});

export const cartDiscountsMock = () => ({
  request: { query: CartDiscountsDocument },
  result: { data: { mixMatchDiscounts: discounts } },
  maxUsageCount: 10,
});

/** A cart store on a Map, so each test starts from its own carts. */
export function memoryCartStore(): CartStore {
  const data = new Map<string, string>();
  return createCartStore({ getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) } as Storage, 'test');
}

export const cartLine = (product: typeof concert | typeof giftBox, variantIndex: number, quantity: number): CartLine => {
  const v = product.variants[variantIndex]!;
  return {
    kind: product.kind,
    productId: product.id,
    productTitle: product.title,
    variantId: v.id,
    variantName: v.name,
    unitPrice: v.price,
    quantity,
    image: null,
    shippingFee: product.shippingFee,
    freeShippingThreshold: product.freeShippingThreshold,
  };
};

export const ticketCode = (c: string, quantity: number, over: Partial<Record<string, unknown>> = {}) => ({
  __typename: 'TicketCode',
  code: c,
  parent: null as { __typename: 'TicketCode'; code: string } | null,
  quantity,
  redeemedQuantity: 0,
  refundedQuantity: 0,
  remainingQuantity: quantity,
  status: 'ACTIVE',
  qrUrl: `http://clerk.example/redeem/${c}`,
  validFrom: concert.validFrom,
  validUntil: concert.validUntil,
  ...over,
});

export const paidTicketOrder = {
  __typename: 'Order',
  id: 'o1',
  number: 'T20261126-000123',
  kind: 'TICKET',
  status: 'PAID',
  createdAt: '2026-11-26T04:00:00.000Z',
  paidAt: '2026-11-26T04:00:05.000Z' as string | null,
  paymentMethod: 'CREDIT_CARD',
  payment: {
    __typename: 'Payment',
    gateway: 'simulator',
    cardBrand: 'VISA',
    cardLastFour: '4242',
    threeDomainSecure: false,
    status: 'SUCCEEDED',
    lateRefundReference: null,
  } as null | Record<string, unknown>,
  subtotal: 2800,
  discount: 0,
  shippingFee: 0,
  total: 2800,
  recipient: { __typename: 'Recipient', name: '陳小美', phone: '0912345678' },
  lines: [
    {
      __typename: 'OrderLine',
      id: 'l1',
      productTitle: concert.title,
      variantName: '早鳥票',
      quantity: 2,
      unitPrice: 800,
      amountPaid: 1600,
      discountShare: 0,
      codes: [ticketCode('K7M2QX9PWD', 10, { redeemedQuantity: 3, remainingQuantity: 7 })],
    },
    {
      __typename: 'OrderLine',
      id: 'l2',
      productTitle: concert.title,
      variantName: '全票',
      quantity: 1,
      unitPrice: 1200,
      amountPaid: 1200,
      discountShare: 0,
      codes: [ticketCode('R4TNB8HZ3C', 1, { refundedQuantity: 1, remainingQuantity: 0, status: 'REFUNDED' })],
    },
  ],
  refund: null as null | Record<string, unknown>,
  messages: [] as Record<string, unknown>[],
};

export type OrderFixture = typeof paidTicketOrder;

/** The 7 split codes (25 characters) of K7M2QX9PWD (10 bought, 3 redeemed). */
export const splitCodes = Array.from({ length: 7 }, (_, i) => `K7M2QX9PWDSPLIT${String(i + 1).padStart(2, '0')}ABCDEFGH`);

/** paidTicketOrder after K7M2QX9PWD was split: the original is SPLIT, its children follow it in the line. */
export const splitTicketOrder: OrderFixture = {
  ...paidTicketOrder,
  lines: [
    {
      ...paidTicketOrder.lines[0]!,
      codes: [
        ticketCode('K7M2QX9PWD', 10, { redeemedQuantity: 3, remainingQuantity: 0, status: 'SPLIT' }),
        ...splitCodes.map((c, i) =>
          ticketCode(c, 1, {
            parent: { __typename: 'TicketCode', code: 'K7M2QX9PWD' },
            ...(i === 0 ? { redeemedQuantity: 1, remainingQuantity: 0, status: 'FULLY_REDEEMED' } : {}),
          }),
        ),
      ],
    },
    paidTicketOrder.lines[1]!,
  ],
};

export const orderMessage = (id: string, body: string, fromStaff: boolean, createdAt: string) => ({ __typename: 'OrderMessage', id, body, fromStaff, createdAt });

/** P3: paidTicketOrder while it waits for the bank's 3-D Secure answer: no codes, no payment yet. */
export const pendingCardOrder: OrderFixture = {
  ...paidTicketOrder,
  status: 'PENDING_PAYMENT',
  paidAt: null,
  payment: null,
  lines: paidTicketOrder.lines.map((l) => ({ ...l, codes: [] })),
};

export const orderDetailMock = (order: OrderFixture = paidTicketOrder, maxUsageCount = 5) => ({
  request: { query: OrderDetailDocument, variables: { id: order.id } },
  result: { data: { order } },
  maxUsageCount,
});
