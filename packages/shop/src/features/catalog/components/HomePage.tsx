import { EmptyState, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** 電子票券: the catalog arrives with the products API; until then, an honest empty state. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('shop.home.title')}</Title>
      <EmptyState title={t('shop.home.empty')} description={t('shop.home.emptyHint')} data-testid="catalog-empty" />
    </Stack>
  );
}
