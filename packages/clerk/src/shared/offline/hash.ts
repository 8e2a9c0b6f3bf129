/*
 * B7: the snapshot holds no codes, only base64url(HMAC-SHA256(hashKey, code)) with a key of its own; the
 * device hashes what it scans the same way (WebCrypto: secure contexts only, as the PWA is) and looks the
 * hash up.
 */

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** A hasher for one snapshot's key. */
export async function codeHasher(hashKey: string): Promise<(code: string) => Promise<string>> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('WebCrypto is not available (the app must be on HTTPS)');
  const key = await subtle.importKey('raw', fromBase64url(hashKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const encoder = new TextEncoder();
  return async (code) => base64url(await subtle.sign('HMAC', key, encoder.encode(code)));
}
