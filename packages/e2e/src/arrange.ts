import { randomUUID } from 'node:crypto';
import { gql, tokenFor } from './api.js';

/**
 * A paid ticket order for the demo shopper, bought through the API; returns its codes.
 * Buys from a product outside every purchase-limit group, so a test file may buy as often as it needs.
 */
export async function buyTickets(lines: { variant: number; quantity: number }[] = [{ variant: 0, quantity: 2 }], recipient = { name: '陳小美', phone: '0912345678' }) {
  const shopper = await tokenFor('shopper@example.com', 'shopper1234');
  const admin = await tokenFor('admin@example.com', 'admin1234');
  const groups = await gql(`{ purchaseLimitGroups { variants { id } } }`, {}, admin);
  const limited = new Set<string>(groups.purchaseLimitGroups.flatMap((g: any) => g.variants.map((v: any) => v.id)));
  const products = await gql(`{ products(kind: TICKET, first: 20) { edges { node { id title variants { id name stockAvailable } } } } }`);
  const product = products.products.edges
    .map((e: any) => e.node)
    .find((p: any) => p.variants.length >= 2 && p.variants.every((v: any) => !limited.has(v.id) && (v.stockAvailable == null || v.stockAvailable > 10)));
  if (!product) throw new Error('no ticket product with two unlimited ticket types in the demo catalog');
  const data = await gql(
    `mutation($i: CheckoutCompleteInput!) { checkoutComplete(input: $i) { order { id number lines { variantName codes { code quantity qrUrl } } } errors { code message } } }`,
    {
      i: {
        lines: lines.map((l) => ({ variantId: product.variants[l.variant].id, quantity: l.quantity })),
        acceptTicketTerms: true,
        recipient,
        payment: { method: 'CREDIT_CARD', installments: 1, cardToken: 'tok_approve' },
        idempotencyKey: randomUUID(),
      },
    },
    shopper,
  );
  if (data.checkoutComplete.errors.length) throw new Error(JSON.stringify(data.checkoutComplete.errors));
  const order = data.checkoutComplete.order;
  return { order, product, codes: order.lines.map((l: any) => l.codes[0]) as { code: string; quantity: number; qrUrl: string }[] };
}

/** What the API says about a code (as the admin): quantities and its redemptions. */
export async function codeState(code: string) {
  const admin = await tokenFor('admin@example.com', 'admin1234');
  const data = await gql(`query($c: String!) { ticketCode(code: $c) { code redeemedQuantity remainingQuantity status redemptions { quantity channel } } }`, { c: code }, admin);
  return data.ticketCode as { code: string; redeemedQuantity: number; remainingQuantity: number; status: string; redemptions: { quantity: number; channel: string }[] };
}
