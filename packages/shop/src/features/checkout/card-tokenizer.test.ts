import { describe, expect, it } from 'vitest';
import { formatCardNumber, formatExpiry, luhnValid, tokenizeCard } from './card-tokenizer';

const now = new Date(2026, 10, 26); // 26 Nov 2026, local time
const card = (number: string, more: Partial<{ expiry: string; cvc: string; name: string }> = {}) =>
  tokenizeCard({ number, expiry: '12/28', cvc: '123', name: 'CHEN HSIAO MEI', ...more }, now);

describe('card tokenizer (P1: the card number never reaches our server)', () => {
  it('turns the test cards into the gateway test tokens, spaces or not', () => {
    expect(card('4242 4242 4242 4242')).toEqual({ ok: true, token: 'tok_approve', last4: '4242' });
    expect(card('4000000000000002')).toEqual({ ok: true, token: 'tok_decline', last4: '0002' });
    expect(card('4000-0000-0000-0119')).toEqual({ ok: true, token: 'tok_error', last4: '0119' });
  });

  it("P3: 4000 0000 0000 3220 becomes tok_3ds, the card that needs the bank's 3-D Secure step", () => {
    expect(luhnValid('4000000000003220')).toBe(true);
    expect(card('4000 0000 0000 3220')).toEqual({ ok: true, token: 'tok_3ds', last4: '3220' });
  });

  it('refuses a number that fails the Luhn check', () => {
    expect(card('4242 4242 4242 4241')).toEqual({ ok: false, errors: { cardNumber: 'numberInvalid' } });
    expect(card('1234')).toEqual({ ok: false, errors: { cardNumber: 'numberInvalid' } });
    expect(card('4242 abcd 4242 4242')).toEqual({ ok: false, errors: { cardNumber: 'numberInvalid' } });
  });

  it('refuses a real-looking (Luhn-valid) card that is not a test card', () => {
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(card('5555 5555 5555 4444')).toEqual({ ok: false, errors: { cardNumber: 'notTestCard' } });
  });

  it('checks expiry (MM/YY, not past), CVC and name', () => {
    expect(card('4242424242424242', { expiry: '13/28' })).toEqual({ ok: false, errors: { cardExpiry: 'expiryInvalid' } });
    expect(card('4242424242424242', { expiry: '10/26' })).toEqual({ ok: false, errors: { cardExpiry: 'expired' } });
    expect(card('4242424242424242', { expiry: '11/26' }).ok).toBe(true);
    expect(card('4242424242424242', { cvc: '12' })).toEqual({ ok: false, errors: { cardCvc: 'cvcInvalid' } });
    expect(card('', { expiry: '', cvc: '', name: ' ' })).toEqual({
      ok: false,
      errors: { cardNumber: 'required', cardExpiry: 'required', cardCvc: 'required', cardName: 'required' },
    });
  });

  it('formats the number in groups of four and the expiry as MM/YY while typing', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('4242 42x')).toBe('4242 42');
    expect(formatExpiry('1228')).toBe('12/28');
    expect(formatExpiry('12/')).toBe('12');
    expect(formatExpiry('1')).toBe('1');
  });
});
