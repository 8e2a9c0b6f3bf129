import type { CheckoutCompleteErrorCode } from '../../gql/graphql';

/**
 * P2: one idempotency key per checkout attempt. The server ties the key to the order it places, so:
 * - a refusal found before an order exists (terms, stock, recipient...) leaves the key free: keep it;
 * - PAYMENT_ERROR leaves the order pending: retrying with the same key pays that order, never twice;
 * - a network failure may or may not have reached the server: the same key makes the retry safe;
 * - PAYMENT_DECLINED and ORDER_EXPIRED end that order: the next try needs a new key (a new order).
 */
export function keyAfterRefusal(code: CheckoutCompleteErrorCode): 'keep' | 'renew' {
  switch (code) {
    case 'PAYMENT_DECLINED':
    case 'ORDER_EXPIRED':
    case 'IDEMPOTENCY_KEY_REQUIRED':
      return 'renew';
    case 'PAYMENT_ERROR':
    case 'CARD_TOKEN_REQUIRED':
    case 'EMAIL_REQUIRED':
    case 'EMPTY_CART':
    case 'INSTALLMENTS_NOT_ALLOWED':
    case 'INVALID_QUANTITY':
    case 'MIXED_CART':
    case 'OUT_OF_STOCK':
    case 'PAYMENT_METHOD_NOT_ALLOWED':
    case 'PURCHASE_LIMIT_EXCEEDED':
    case 'RECIPIENT_REQUIRED':
    case 'REFERRAL_CODE_UNKNOWN':
    case 'TERMS_NOT_ACCEPTED':
    case 'VARIANT_UNAVAILABLE':
      return 'keep';
    default: {
      // A code added to the schema must be decided here: the build fails until it is.
      const unhandled: never = code;
      return unhandled;
    }
  }
}

export function keyAfterRefusals(codes: CheckoutCompleteErrorCode[]): 'keep' | 'renew' {
  return codes.some((c) => keyAfterRefusal(c) === 'renew') ? 'renew' : 'keep';
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Only very old browsers (or plain-http non-localhost pages) lack randomUUID.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
