const STORAGE_KEY = 'clerk.deviceId';
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function platform(userAgent: string): string {
  if (/iPhone/.test(userAgent)) return 'iPhone';
  if (/iPad/.test(userAgent)) return 'iPad';
  if (/Android/.test(userAgent)) return 'Android';
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/Mac OS X/.test(userAgent)) return 'Mac';
  if (/Linux/.test(userAgent)) return 'Linux';
  return 'Web';
}

function deviceId(): string {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored) return stored;
    const bytes = crypto.getRandomValues(new Uint8Array(4));
    const id = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    localStorage.setItem(STORAGE_KEY, id);
    return id;
  } catch {
    return '----';
  }
}

/** R2: which device redeemed, e.g. "clerk Android 7KQ2": the platform plus an id this browser keeps. */
export function deviceLabel(userAgent: string = navigator.userAgent): string {
  return `clerk ${platform(userAgent)} ${deviceId()}`;
}
