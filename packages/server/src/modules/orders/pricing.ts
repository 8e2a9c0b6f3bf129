/** A mix-and-match discount as pricing needs it: bundles of `requiredQuantity` among `variantIds`. */
export interface MixMatchRule {
  variantIds: string[];
  requiredQuantity: number;
  fixedPrice: number | null;
  percentOff: number | null;
}

export interface PricedLine {
  variantId: string;
  quantity: number;
  unitPrice: number;
}

/**
 * C3: mix-and-match (任選折扣). Eligible units are taken most expensive first, in bundles of N; each
 * bundle costs the fixed price (or X% less), and its discount is shared among the bundle's units by
 * price. Each unit joins at most one bundle. Returns each variant's discount share (whole dollars).
 */
export function mixMatchShares(lines: PricedLine[], discounts: MixMatchRule[]): Map<string, number> {
  const shares = new Map<string, number>();
  const units = lines.flatMap((l) => Array.from({ length: l.quantity }, () => ({ variantId: l.variantId, price: l.unitPrice, used: false })));
  units.sort((a, b) => b.price - a.price);
  for (const discount of discounts) {
    const eligible = new Set(discount.variantIds);
    const pool = units.filter((u) => !u.used && eligible.has(u.variantId));
    const n = discount.requiredQuantity;
    for (let start = 0; start + n <= pool.length; start += n) {
      const bundle = pool.slice(start, start + n);
      const total = bundle.reduce((sum, u) => sum + u.price, 0);
      const off = discount.fixedPrice != null ? Math.max(0, total - discount.fixedPrice) : Math.round((total * (discount.percentOff ?? 0)) / 100);
      if (off <= 0) continue;
      bundle.forEach((u) => (u.used = true));
      distribute(off, bundle).forEach((amount, i) => shares.set(bundle[i]!.variantId, (shares.get(bundle[i]!.variantId) ?? 0) + amount));
    }
  }
  return shares;
}

/** Splits `amount` across units in proportion to price, in whole dollars (largest remainder). */
function distribute(amount: number, bundle: { price: number }[]): number[] {
  const total = bundle.reduce((s, u) => s + u.price, 0);
  if (total === 0) return bundle.map(() => 0);
  const exact = bundle.map((u) => (amount * u.price) / total);
  const floors = exact.map(Math.floor);
  let left = amount - floors.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors;
}

/** C4: goods ship for a flat fee, free at or above the threshold. K3: tickets never pay shipping. */
export function shippingFeeFor(subtotalAfterDiscount: number, fee: number, freeAbove: number | null | undefined): number {
  if (freeAbove != null && subtotalAfterDiscount >= freeAbove) return 0;
  return fee;
}

/** What was paid for an order line: quantity x unit price - its share of the discount. */
export function linePaid(line: { quantity: number; unitPrice: number; discountShare: number }): number {
  return line.quantity * line.unitPrice - line.discountShare;
}

/** L3: the ticket fee, in basis points of the amount paid, rounded to the dollar. */
export function ticketFee(amountPaid: number, basisPoints: number): number {
  return Math.round((amountPaid * basisPoints) / 10_000);
}
