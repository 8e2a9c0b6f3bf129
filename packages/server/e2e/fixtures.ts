import { randomUUID } from 'node:crypto';
import type { GqlClient, TestApi } from './harness.js';

export const PRODUCT_CREATE = `mutation($i: ProductCreateInput!) { productCreate(input: $i) { product { id title status variants { id name price stockAvailable } } errors { code message field } } }`;

export const CHECKOUT = `mutation($i: CheckoutCompleteInput!) {
  checkoutComplete(input: $i) {
    order { id number kind status subtotal discount shippingFee total paidAt termsAcceptedAt termsAccepted recipient { name phone }
      lines { id productTitle variantName quantity unitPrice discountShare amountPaid codes { code quantity redeemedQuantity refundedQuantity remainingQuantity status qrUrl holderName holderPhoneMasked orderNumber } } }
    errors { code message field }
  }
}`;

export interface TicketProduct {
  id: string;
  variants: { id: string; name: string; price: number; stockAvailable: number | null }[];
}

/** An active ticket product created by the admin through the API. */
export async function createTicketProduct(
  api: TestApi,
  variants: { name: string; price: number; stock?: number | null }[] = [{ name: '全票', price: 200, stock: 100 }],
  extra: Record<string, unknown> = {},
): Promise<TicketProduct> {
  const data = await api.admin.ok(PRODUCT_CREATE, {
    i: { kind: 'TICKET', title: `測試活動 ${randomUUID().slice(0, 8)}`, terms: '票券注意事項：限本人使用。', status: 'ACTIVE', variants, ...extra },
  });
  if (data.productCreate.errors.length) throw new Error(JSON.stringify(data.productCreate.errors));
  return data.productCreate.product;
}

export function checkoutInput(lines: { variantId: string; quantity: number }[], overrides: Record<string, unknown> = {}) {
  return {
    lines,
    acceptTicketTerms: true,
    recipient: { name: '王小明', phone: '0912345678' },
    payment: { method: 'CREDIT_CARD', installments: 1, cardToken: 'tok_approve' },
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

export async function buy(client: GqlClient, lines: { variantId: string; quantity: number }[], overrides: Record<string, unknown> = {}) {
  const data = await client.ok(CHECKOUT, { i: checkoutInput(lines, overrides) });
  return data.checkoutComplete as { order: any; errors: { code: string; message: string; field: string | null }[] };
}

/** Runs `count` tasks at once and waits for all. */
export function parallel<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => task(i)));
}

/** Polls until `check` returns a truthy value (jobs run in the background). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
