import { describe, expect, it } from 'vitest';
import { addToCarts, createCartStore, EMPTY_CARTS, parseCarts, setLineQuantity, unitCount, type CartLine } from './cart-store';
import { cartTotals, mixMatchDiscount } from './pricing';

const line = (over: Partial<CartLine>): CartLine => ({
  kind: 'TICKET',
  productId: 'p1',
  productTitle: '夏日爵士音樂會',
  variantId: 'v1',
  variantName: '早鳥票',
  unitPrice: 800,
  quantity: 1,
  image: null,
  shippingFee: 0,
  freeShippingThreshold: null,
  ...over,
});
const gift = line({ kind: 'GOODS', productId: 'g1', productTitle: '濾掛咖啡禮盒', variantId: 'gv1', variantName: '10 入', unitPrice: 450, shippingFee: 80, freeShippingThreshold: 1000 });

describe('two carts (K1)', () => {
  it('K1: routes each item to the cart of its kind', () => {
    const a = addToCarts(EMPTY_CARTS, [line({ quantity: 2 })]);
    expect(a.kind).toBe('TICKET');
    expect(a.otherCartHasItems).toBe(false);
    const b = addToCarts(a.carts, [gift]);
    expect(b.kind).toBe('GOODS');
    expect(b.carts.TICKET.map((l) => l.variantId)).toEqual(['v1']);
    expect(b.carts.GOODS.map((l) => l.variantId)).toEqual(['gv1']);
  });

  it('K1: says so when the other cart already holds items', () => {
    const withGoods = addToCarts(EMPTY_CARTS, [gift]).carts;
    expect(addToCarts(withGoods, [line({})]).otherCartHasItems).toBe(true);
    expect(addToCarts(withGoods, [gift]).otherCartHasItems).toBe(false);
  });

  it('sums the quantity of a variant added twice, and 0 removes a line', () => {
    let carts = addToCarts(EMPTY_CARTS, [line({ quantity: 2 }), line({ variantId: 'v2', variantName: '全票', unitPrice: 1200 })]).carts;
    carts = addToCarts(carts, [line({ quantity: 3 })]).carts;
    expect(carts.TICKET.map((l) => [l.variantId, l.quantity])).toEqual([
      ['v1', 5],
      ['v2', 1],
    ]);
    expect(unitCount(carts.TICKET)).toBe(6);
    carts = setLineQuantity(carts, 'TICKET', 'v1', 0);
    expect(carts.TICKET.map((l) => l.variantId)).toEqual(['v2']);
  });

  it('reads back what it stored, and drops damaged or misfiled data', () => {
    const storage = new Map<string, string>();
    const fake = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) } as Storage;
    const store = createCartStore(fake, 'carts');
    store.update((c) => addToCarts(c, [line({ quantity: 2 }), gift]).carts);
    expect(createCartStore(fake, 'carts').getSnapshot()).toEqual(store.getSnapshot());

    expect(parseCarts('not json')).toEqual(EMPTY_CARTS);
    expect(parseCarts(JSON.stringify({ TICKET: [gift, { nonsense: true }], GOODS: 'x' }))).toEqual(EMPTY_CARTS);
  });
});

describe('cart totals (estimate of the server pricing)', () => {
  const sets = { requiredQuantity: 2, fixedPrice: 600, percentOff: null, variants: [{ id: 's1' }, { id: 's2' }] };

  it('C3: any 2 exchange sets for NT$600, each unit in at most one bundle', () => {
    const lines = [
      { variantId: 's1', quantity: 2, unitPrice: 350 },
      { variantId: 's2', quantity: 1, unitPrice: 350 },
    ];
    expect(mixMatchDiscount(lines, [sets])).toBe(100);
    expect(mixMatchDiscount([{ variantId: 's1', quantity: 4, unitPrice: 350 }], [sets])).toBe(200);
    expect(mixMatchDiscount([{ variantId: 'other', quantity: 4, unitPrice: 350 }], [sets])).toBe(0);
    expect(mixMatchDiscount(lines, [{ ...sets, fixedPrice: null, percentOff: 10 }])).toBe(70);
  });

  it('K3: tickets never pay shipping; C4: goods pay the flat fee below the threshold', () => {
    expect(cartTotals('TICKET', [line({ quantity: 2, shippingFee: 80 })], []).shippingFee).toBe(0);
    expect(cartTotals('GOODS', [gift], [])).toEqual({ subtotal: 450, discount: 0, shippingFee: 80, freeShippingAbove: 1000, total: 530 });
    expect(cartTotals('GOODS', [{ ...gift, quantity: 3 }], []).shippingFee).toBe(0);
  });
});
