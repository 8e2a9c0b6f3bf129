import type { CheckoutCompleteErrorCode } from '../../gql/graphql';

/**
 * P2: one idempotency key per checkout attempt. The server ties the key to the order it places, so:
 * - a refusal found before an order exists (terms, stock, recipient...) leaves the key free: keep it;
 * - PAYMENT_ERROR leaves the order pending: retrying with the same key pays that order, never twice;
 * - a network failure may or may not have reached the server: the same key makes the retry safe;
 * - PAYMENT_DECLINED and ORDER_EXPIRED end that order: the next try needs a new key (a new order);
 * - B8: the server binds the key to the input (cart, recipient, payment, terms, referral code; not the card
 *   token) and refuses it for another input (IDEMPOTENCY_KEY_REUSED, nothing ordered): the next try needs a
 *   new key. The page already takes one when the input changes (`attemptInput`), so this is a safety net.
 */
export function keyAfterRefusal(code: CheckoutCompleteErrorCode): 'keep' | 'renew' {
  switch (code) {
    case 'PAYMENT_DECLINED':
    case 'ORDER_EXPIRED':
    case 'IDEMPOTENCY_KEY_REQUIRED':
    case 'IDEMPOTENCY_KEY_REUSED':
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
    case 'TOO_MANY_LINES':
    case 'QUANTITY_LIMIT_EXCEEDED':
    case 'ORDER_QUANTITY_LIMIT_EXCEEDED':
    case 'ORDER_TOTAL_TOO_LARGE':
    case 'COD_LIMIT_EXCEEDED':
    case 'INVALID_INPUT':
      return 'keep';
    default: {
      // A code added to the schema must be decided here: the build fails until it is.
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/**
 * B8: what the server binds a checkout key to, from the input about to be sent: the same value means a
 * retry (same key), another value a new attempt (new key). The card token is left out, as on the server:
 * a retried payment tokenises the card again.
 */
export function attemptInput(input: {
  lines: { variantId: string; quantity: number }[];
  acceptTicketTerms?: boolean | null;
  recipient: { name: string; phone: string };
  payment: { method: string; installments?: number | null; cardToken?: string | null };
  referralCode?: string | null;
}): string {
  return JSON.stringify([
    input.lines.map((l) => [l.variantId, l.quantity]),
    input.acceptTicketTerms === true,
    [input.recipient.name, input.recipient.phone],
    [input.payment.method, input.payment.installments ?? 1],
    input.referralCode ?? null,
  ]);
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
