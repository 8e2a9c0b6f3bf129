import { Notification } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Created …": stays until dismissed or replaced. */
export function SuccessNotice({ notice, onClose }: { notice: string | null; onClose(): void }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <Notification color="teal" role="status" withBorder onClose={onClose} closeButtonProps={{ 'aria-label': t('admin.catalog.dismiss') }} data-testid="notice">
      {notice}
    </Notification>
  );
}
