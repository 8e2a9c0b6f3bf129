import { randomInt } from 'node:crypto';

/** T2: no look-alikes (no 0/O, 1/I/L), upper case, easy to read out and type. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
/** X1: split codes are longer so they can never collide with or be mistaken for an order code. */
export const SPLIT_CODE_LENGTH = 25;

/** A code from a cryptographically secure generator (crypto.randomInt). */
export function generateCode(length = CODE_LENGTH): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Normalises what a clerk typed or a scanner sent: trims, upper-cases, drops spaces and dashes. */
export function normaliseCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}
