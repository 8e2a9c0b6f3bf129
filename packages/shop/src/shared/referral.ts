/**
 * C3 / A2: a referrer's link (`?ref=CODE` on any shop page) is remembered in this browser and offered at
 * checkout, where it attributes commission (never a discount).
 */
const KEY = 'ticket.shop.referralCode';

export function rememberReferral(search: string): void {
  const code = new URLSearchParams(search).get('ref')?.trim();
  if (!code || !/^[A-Za-z0-9_-]{1,40}$/.test(code)) return;
  try {
    localStorage.setItem(KEY, code.toUpperCase());
  } catch {
    // not remembered
  }
}

export function rememberedReferral(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function forgetReferral(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}
