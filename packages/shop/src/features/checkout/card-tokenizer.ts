/**
 * The card form's tokenizer, standing in for a payment gateway's browser library: the card number is
 * turned into a token here and never reaches our server (P1). In test mode only the gateway's test cards
 * tokenize: 4242 4242 4242 4242 approves, 4000 0000 0000 0002 is declined, 4000 0000 0000 0119 fails as
 * a gateway outage would, 4000 0000 0000 3220 needs the bank's 3-D Secure step (P3).
 */

export const TEST_CARDS: Readonly<Record<string, string>> = {
  '4242424242424242': 'tok_approve',
  '4000000000000002': 'tok_decline',
  '4000000000000119': 'tok_error',
  '4000000000003220': 'tok_3ds',
};

export type CardField = 'cardNumber' | 'cardExpiry' | 'cardCvc' | 'cardName';

/** i18n keys under `shop.card.errors`. */
export type CardError = 'required' | 'numberInvalid' | 'notTestCard' | 'expiryInvalid' | 'expired' | 'cvcInvalid';

export interface CardInput {
  number: string;
  /** MM/YY */
  expiry: string;
  cvc: string;
  name: string;
}

export type TokenizeResult =
  | { ok: true; token: string; last4: string }
  | { ok: false; errors: Partial<Record<CardField, CardError>> };

/** Digits only: spaces and dashes as people type them are fine. */
export function cardDigits(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** The Luhn checksum every card number carries. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** `4242424242424242` -> `4242 4242 4242 4242` while typing (at most 19 digits). */
export function formatCardNumber(value: string): string {
  return value
    .replace(/\D/g, '')
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** `1228` -> `12/28` while typing. */
export function formatExpiry(value: string): string {
  const digits = value.replace(/\D/g, '').slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

function expiryError(expiry: string, now: Date): CardError | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (!match) return expiry.trim() ? 'expiryInvalid' : 'required';
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return 'expiryInvalid';
  // A card is good through the last day of its expiry month.
  const current = now.getFullYear() * 12 + now.getMonth();
  return year * 12 + (month - 1) < current ? 'expired' : null;
}

/** Checks the card form and, for a test card, returns the gateway token. Pure: `now` is passed in. */
export function tokenizeCard(input: CardInput, now: Date = new Date()): TokenizeResult {
  const errors: Partial<Record<CardField, CardError>> = {};
  const digits = cardDigits(input.number);
  if (!digits) errors.cardNumber = 'required';
  else if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) errors.cardNumber = 'numberInvalid';
  else if (!TEST_CARDS[digits]) errors.cardNumber = 'notTestCard';

  const expiry = expiryError(input.expiry, now);
  if (expiry) errors.cardExpiry = expiry;

  const cvc = input.cvc.trim();
  if (!cvc) errors.cardCvc = 'required';
  else if (!/^\d{3,4}$/.test(cvc)) errors.cardCvc = 'cvcInvalid';

  if (!input.name.trim()) errors.cardName = 'required';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, token: TEST_CARDS[digits]!, last4: digits.slice(-4) };
}
