import { LANGUAGES, useI18n } from '../shared/i18n';

/** Each language named in itself, so anyone finds their own. */
const NAMES = { 'zh-TW': '中文', en: 'EN' } as const;

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('common.language')} data-testid="language-switch">
      {LANGUAGES.map((l) => (
        <button key={l} type="button" aria-pressed={language === l} onClick={() => setLanguage(l)}>
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
