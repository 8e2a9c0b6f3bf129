import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';

/*
 * The clerk's translations without i18next (about 15 KB gzip the first load can't afford): nested
 * catalogs, dotted keys and {{name}} placeholders, as in the other apps' i18next catalogs. A catalog
 * may be a loader: English arrives when chosen (or before the first render when it is the stored choice).
 */

export const LANGUAGES = ['zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Messages = { [key: string]: string | Messages };
export type Catalogs = Record<Language, Messages | (() => Promise<Messages>)>;
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The same key as the other apps: a language chosen in one is the language of all three. */
const STORAGE_KEY = 'ticket.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-TW';
  } catch {
    return 'zh-TW';
  }
}

let current: Language = 'zh-TW';
/** For the Accept-Language header: server messages follow the UI language. */
export const currentLanguage = (): Language => current;

const loaded = new WeakMap<Catalogs, Partial<Record<Language, Messages>>>();
const loadedOf = (catalogs: Catalogs) => loaded.get(catalogs) ?? (loaded.set(catalogs, {}), loaded.get(catalogs)!);

/** The language's messages, loading them once when the catalog is a loader. */
export async function loadCatalog(catalogs: Catalogs, language: Language): Promise<Messages> {
  const cache = loadedOf(catalogs);
  const catalog = catalogs[language];
  return (cache[language] ??= typeof catalog === 'function' ? await catalog() : catalog);
}

function messagesOf(catalogs: Catalogs, language: Language): Messages | undefined {
  const catalog = catalogs[language];
  return typeof catalog === 'function' ? loadedOf(catalogs)[language] : catalog;
}

export function translate(messages: Messages, key: string, values?: Record<string, string | number>): string {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') return key;
  return values ? node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : node;
}

interface I18n {
  language: Language;
  t: Translate;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ catalogs, initial, children }: { catalogs: Catalogs; initial?: Language; children: ReactNode }) {
  const [language, setState] = useState<Language>(() => {
    const wanted = initial ?? storedLanguage();
    return messagesOf(catalogs, wanted) ? wanted : 'zh-TW';
  });
  current = language;
  const setLanguage = useCallback(
    (next: Language) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // private mode: not remembered
      }
      void loadCatalog(catalogs, next).then(() => setState(next));
    },
    [catalogs],
  );
  useLayoutEffect(() => {
    document.documentElement.lang = language === 'en' ? 'en' : 'zh-Hant-TW';
  }, [language]);
  const value = useMemo<I18n>(() => {
    const messages = messagesOf(catalogs, language) ?? {};
    return { language, setLanguage, t: (key, values) => translate(messages, key, values) };
  }, [catalogs, language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
