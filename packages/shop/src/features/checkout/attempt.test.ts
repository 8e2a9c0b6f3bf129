import { describe, expect, it } from 'vitest';
import { attemptInput, keyAfterRefusals, newIdempotencyKey } from './attempt';

describe('checkout idempotency key (P2)', () => {
  it('P2: keeps the key after PAYMENT_ERROR, so a retry pays the same pending order and never charges twice', () => {
    expect(keyAfterRefusals(['PAYMENT_ERROR'])).toBe('keep');
  });

  it('P2: takes a fresh key after a decline or an expired order (that order is over)', () => {
    expect(keyAfterRefusals(['PAYMENT_DECLINED'])).toBe('renew');
    expect(keyAfterRefusals(['ORDER_EXPIRED'])).toBe('renew');
  });

  it('keeps the key after refusals that come before any order exists', () => {
    expect(keyAfterRefusals(['TERMS_NOT_ACCEPTED', 'RECIPIENT_REQUIRED'])).toBe('keep');
    expect(keyAfterRefusals(['OUT_OF_STOCK'])).toBe('keep');
  });

  it('B8: takes a fresh key after IDEMPOTENCY_KEY_REUSED; keeps it after the cart bounds and the cash-on-delivery cap (no order was written)', () => {
    expect(keyAfterRefusals(['IDEMPOTENCY_KEY_REUSED'])).toBe('renew');
    for (const code of ['TOO_MANY_LINES', 'QUANTITY_LIMIT_EXCEEDED', 'ORDER_QUANTITY_LIMIT_EXCEEDED', 'ORDER_TOTAL_TOO_LARGE', 'COD_LIMIT_EXCEEDED', 'INVALID_INPUT'] as const) {
      expect(keyAfterRefusals([code])).toBe('keep');
    }
  });

  it('B8: the input a key is bound to leaves the card token out and changes with the recipient, payment or cart', () => {
    const base = {
      lines: [{ variantId: 'v1', quantity: 2 }],
      acceptTicketTerms: true,
      recipient: { name: '陳小美', phone: '0912345678' },
      payment: { method: 'CREDIT_CARD', installments: 1, cardToken: 'tok_error' },
      referralCode: null,
    };
    expect(attemptInput({ ...base, payment: { ...base.payment, cardToken: 'tok_approve' } })).toBe(attemptInput(base));
    expect(attemptInput({ ...base, recipient: { ...base.recipient, name: '陳大美' } })).not.toBe(attemptInput(base));
    expect(attemptInput({ ...base, payment: { method: 'CASH_ON_DELIVERY', installments: null, cardToken: null } })).not.toBe(attemptInput(base));
    expect(attemptInput({ ...base, lines: [{ variantId: 'v1', quantity: 3 }] })).not.toBe(attemptInput(base));
  });

  it('makes UUIDs', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
