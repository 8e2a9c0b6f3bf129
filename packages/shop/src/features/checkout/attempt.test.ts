import { describe, expect, it } from 'vitest';
import { keyAfterRefusals, newIdempotencyKey } from './attempt';

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

  it('makes UUIDs', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
