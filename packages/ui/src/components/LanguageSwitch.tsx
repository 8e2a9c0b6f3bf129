import { SegmentedControl, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

/** Each language is named in itself, so anyone can find their own. */
const NAMES: Record<(typeof LANGUAGES)[number], string> = { 'zh-TW': '中文', en: 'EN' };

export function LanguageSwitch({ size = 'xs' }: { size?: MantineSize }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('common.language')}
      data-testid="language-switch"
      value={i18n.language === 'en' ? 'en' : 'zh-TW'}
      onChange={(language) => void i18n.changeLanguage(language)}
      data={LANGUAGES.map((value) => ({ value, label: NAMES[value] }))}
    />
  );
}
