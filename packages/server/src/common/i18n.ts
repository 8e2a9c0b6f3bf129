export type Locale = 'zh-TW' | 'en';

export type Message = Record<Locale, string>;

/** zh-TW is the default; English when the request asks for it first. */
export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-TW';
}

export function translate(locale: Locale, message: Message, params: Record<string, string | number> = {}): string {
  return message[locale].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
