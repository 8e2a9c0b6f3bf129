import { Button, EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** "Not found" with a way back (a page, a product, an order). */
export function NotFound({ title, description, backTo = '/', backLabel }: { title?: string; description?: string; backTo?: string; backLabel?: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState title={title ?? t('common.notFound')} description={description} data-testid="not-found">
      <EmptyState.Actions>
        <Button component={Link} to={backTo} variant="light">
          {backLabel ?? t('common.backHome')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
