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

function deviceId(storageKey: string): string {
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored) return stored;
    const bytes = crypto.getRandomValues(new Uint8Array(4));
    const id = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    localStorage.setItem(storageKey, id);
    return id;
  } catch {
    return '----';
  }
}

/**
 * R2: which device redeemed, e.g. "clerk Android 7KQ2" or "admin Windows 3MX9": the app, the platform and
 * an id this browser keeps (under `{app}.deviceId`).
 */
export function deviceLabel(app: 'clerk' | 'admin', userAgent: string = navigator.userAgent): string {
  return `${app} ${platform(userAgent)} ${deviceId(`${app}.deviceId`)}`;
}
