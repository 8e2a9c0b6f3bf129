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

/**
 * An app's strings in one language: given, or loaded when the language is first used, so that a
 * language few people pick stays out of the first load (`en: () => import('./en').then((m) => m.en)`).
 */
export type AppCatalog = Messages | (() => Promise<Messages>);

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

const SHARED: Record<Language, Messages> = { 'zh-TW': zhTW, en };

/**
 * Initialises the one i18next instance with the shared strings plus the app's own sections
 * (`{ 'zh-TW': { shop: {...} }, en: { shop: {...} } }`). zh-TW by default; the English choice is remembered.
 * A language given as a loader is fetched on first use (i18next waits for it in `changeLanguage`, and
 * react-i18next suspends the page meanwhile).
 */
export function initI18n(app: Record<Language, AppCatalog>, language: Language = storedLanguage()): typeof i18n {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', reflectLanguage);
    const resources: Partial<Record<Language, { translation: Messages }>> = {};
    const loaders: Partial<Record<Language, () => Promise<Messages>>> = {};
    for (const lng of LANGUAGES) {
      const catalog = app[lng];
      if (typeof catalog === 'function') loaders[lng] = catalog;
      else resources[lng] = { translation: { ...SHARED[lng], ...catalog } };
    }
    i18n.use(initReactI18next);
    if (Object.keys(loaders).length > 0) {
      i18n.use({
        type: 'backend',
        init() {},
        read(lng: string, _namespace: string, callback: (error: unknown, data: Messages | null) => void) {
          const load = loaders[lng as Language];
          if (!load) return callback(null, {});
          load().then(
            (messages) => callback(null, { ...SHARED[lng as Language], ...messages }),
            (error: unknown) => callback(error, null),
          );
        },
      });
    }
    void i18n.init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      initAsync: false,
      interpolation: { escapeValue: false },
      resources,
      partialBundledLanguages: true,
    });
  }
  return i18n;
}

/** The language to send as Accept-Language. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-TW';
}

export { i18n };
