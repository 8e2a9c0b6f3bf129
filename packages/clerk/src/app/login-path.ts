/** Only same-app paths as a redirect target (no `//evil.example`, no absolute URLs). */
export function safeRedirect(target: string | null, fallback = '/redeem'): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : fallback;
}

/** `/login?redirect=<where the clerk was going>`. */
export const loginPath = (target: string) => (target === '/' ? '/login' : `/login?redirect=${encodeURIComponent(target)}`);
