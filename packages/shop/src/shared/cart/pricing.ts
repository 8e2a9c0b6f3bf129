/**
 * The order total as the server will compute it (orders/pricing.ts), for showing before checkout. The
 * server's numbers on the order are the ones that count; these are labelled as an estimate where they
 * can differ.
 */

export interface PricedLine {
  variantId: string;
  quantity: number;
  unitPrice: number;
}

/** The parts of a 任選折扣 the estimate needs. */
export interface MixMatchRule {
  requiredQuantity: number;
  fixedPrice?: number | null;
  percentOff?: number | null;
  variants: { id: string }[];
}

/**
 * C3: mix-and-match. Eligible units are taken most expensive first, in bundles of N; a bundle costs the
 * fixed price (or X% less); each unit joins at most one bundle. Returns the total discount.
 */
export function mixMatchDiscount(lines: PricedLine[], rules: MixMatchRule[]): number {
  const units = lines.flatMap((l) => Array.from({ length: l.quantity }, () => ({ variantId: l.variantId, price: l.unitPrice, used: false })));
  units.sort((a, b) => b.price - a.price);
  let discount = 0;
  for (const rule of rules) {
    const eligible = new Set(rule.variants.map((v) => v.id));
    const pool = units.filter((u) => !u.used && eligible.has(u.variantId));
    const n = rule.requiredQuantity;
    if (n < 1) continue;
    for (let start = 0; start + n <= pool.length; start += n) {
      const bundle = pool.slice(start, start + n);
      const total = bundle.reduce((sum, u) => sum + u.price, 0);
      const off = rule.fixedPrice != null ? Math.max(0, total - rule.fixedPrice) : Math.round((total * (rule.percentOff ?? 0)) / 100);
      if (off <= 0) continue;
      bundle.forEach((u) => (u.used = true));
      discount += off;
    }
  }
  return discount;
}

export interface ShippingLine {
  variantId: string;
  shippingFee: number;
  freeShippingThreshold: number | null;
}

/**
 * C4: goods ship for the highest flat fee among the products, free at or above the threshold (the
 * server takes the threshold of the product of the first variant by id). K3: tickets never pay shipping.
 */
export function shippingFeeFor(kind: 'TICKET' | 'GOODS', lines: ShippingLine[], subtotalAfterDiscount: number): { fee: number; freeAbove: number | null } {
  if (kind === 'TICKET' || lines.length === 0) return { fee: 0, freeAbove: null };
  const fee = Math.max(...lines.map((l) => l.shippingFee));
  const freeAbove = [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0))[0]!.freeShippingThreshold;
  return { fee: freeAbove != null && subtotalAfterDiscount >= freeAbove ? 0 : fee, freeAbove };
}

export interface CartTotals {
  subtotal: number;
  discount: number;
  shippingFee: number;
  freeShippingAbove: number | null;
  total: number;
}

export function cartTotals(kind: 'TICKET' | 'GOODS', lines: (PricedLine & ShippingLine)[], rules: MixMatchRule[]): CartTotals {
  const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const discount = mixMatchDiscount(lines, rules);
  const shipping = shippingFeeFor(kind, lines, subtotal - discount);
  return { subtotal, discount, shippingFee: shipping.fee, freeShippingAbove: shipping.freeAbove, total: subtotal - discount + shipping.fee };
}
