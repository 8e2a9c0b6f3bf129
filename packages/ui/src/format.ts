/** Business time zone (SPEC: "same day", settlement periods). */
export const BUSINESS_TIME_ZONE = 'Asia/Taipei';

const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Whole TWD as the merchant writes it: `NT$1,000` (the same in both UI languages). */
export function formatMoney(amount: number): string {
  return `${amount < 0 ? '-' : ''}NT$${wholeNumber.format(Math.abs(amount))}`;
}

function intlLocale(language: string): string {
  return language.startsWith('en') ? 'en-US' : 'zh-TW';
}

/** A date in Asia/Taipei, e.g. 2026/11/26 or Nov 26, 2026. */
export function formatDate(iso: string | Date, language = 'zh-TW'): string {
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: BUSINESS_TIME_ZONE, dateStyle: 'medium' }).format(new Date(iso));
}

/** A date and time in Asia/Taipei. */
export function formatDateTime(iso: string | Date, language = 'zh-TW'): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: BUSINESS_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(iso));
}
