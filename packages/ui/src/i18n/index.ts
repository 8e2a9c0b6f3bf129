import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhTW } from './zh-TW';

export const LANGUAGES = ['zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-TW';
const STORAGE_KEY = 'ticket.language';

/** A JSON-like catalog: nested sections of strings. */
export type Messages = { [key: string]: string | Messages };

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return LANGUAGES.find((l) => l === value) ?? DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function reflectLanguage(language: string): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice just isn't remembered
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language === 'en' ? 'en' : 'zh-Hant-TW';
}

/**
 * Initialises the one i18next instance with the shared strings plus the app's own sections
 * (`{ 'zh-TW': { shop: {...} }, en: { shop: {...} } }`). zh-TW by default; the English choice is remembered.
 */
export function initI18n(app: Record<Language, Messages>, language: Language = storedLanguage()): typeof i18n {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', reflectLanguage);
    void i18n.use(initReactI18next).init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      initAsync: false,
      interpolation: { escapeValue: false },
      resources: {
        'zh-TW': { translation: { ...zhTW, ...app['zh-TW'] } },
        en: { translation: { ...en, ...app.en } },
      },
    });
  }
  return i18n;
}

/** The language to send as Accept-Language. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-TW';
}

export { i18n };
