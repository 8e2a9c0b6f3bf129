/**
 * Redemption codes as people and machines hand them over (T2, X1, R3).
 * A code is 10 characters (25 for a split code) from an alphabet without look-alikes; the QR code holds
 * `{CLERK_URL}/redeem/{code}`. A hardware scanner reading that QR types the whole URL, a phone camera
 * opens it, and a clerk may type the bare code with spaces or dashes.
 */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
export const SPLIT_CODE_LENGTH = 25;

const VALID_CODE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$|^[${CODE_ALPHABET}]{${SPLIT_CODE_LENGTH}}$`);
const REDEEM_PATH = /\/redeem\/([^/?#]+)\/?$/;

/** The server's normalisation: trimmed, upper case, no spaces or dashes. */
export function normaliseCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}

/** X3: split codes are the 25-character ones. */
export function isSplitCode(code: string): boolean {
  return normaliseCode(code).length === SPLIT_CODE_LENGTH;
}

/** True for a string of the right length over the code alphabet. */
export function isWellFormedCode(code: string): boolean {
  return VALID_CODE.test(code);
}

function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('/') || /^[\w.-]+(:\d+)?\/redeem\//i.test(text);
}

/** The `{code}` of a URL ending in `/redeem/{code}` (any host, query or hash), or null. */
function codeFromUrl(text: string): string | null {
  let path: string;
  try {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('/') ? text : `http://${text}`;
    path = new URL(withScheme, 'http://localhost').pathname;
  } catch {
    return null;
  }
  const match = REDEEM_PATH.exec(path);
  if (!match) return null;
  try {
    return normaliseCode(decodeURIComponent(match[1]!));
  } catch {
    return null;
  }
}

/**
 * What a camera decoded: the code of a ticket QR (`…/redeem/{code}`) or a bare code; null for anything
 * else (another QR code, a partial read), so the scanner keeps looking.
 */
export function codeFromScan(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const code = looksLikeUrl(trimmed) ? codeFromUrl(trimmed) : normaliseCode(trimmed);
  return code && isWellFormedCode(code) ? code : null;
}

/**
 * What was typed into the code field (by hand or by a hardware scanner): the code of a ticket URL, or
 * the normalised text. The server has the last word on a bare code; a URL that is not a ticket URL is
 * null, so it is never sent as a code.
 */
export function codeFromInput(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (looksLikeUrl(trimmed)) return codeFromUrl(trimmed);
  const code = normaliseCode(trimmed);
  return code || null;
}
