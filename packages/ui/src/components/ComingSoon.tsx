import { EmptyState, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A page that exists in the navigation but not yet in the product. */
export function ComingSoon({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={2} mb="lg">
        {title}
      </Title>
      <EmptyState title={t('common.comingSoon')} description={t('common.comingSoonHint')} data-testid="coming-soon" />
    </>
  );
}
