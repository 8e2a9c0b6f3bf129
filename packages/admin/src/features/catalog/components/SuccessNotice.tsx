import { Notification } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A success message as an i18n key and its values, so it follows a language switch. */
export interface Notice {
  key: string;
  values?: Record<string, string | number>;
}

/** "Created …": stays until dismissed or replaced. */
export function SuccessNotice({ notice, onClose }: { notice: Notice | null; onClose(): void }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <Notification color="teal" role="status" withBorder onClose={onClose} closeButtonProps={{ 'aria-label': t('admin.catalog.dismiss') }} data-testid="notice">
      {t(notice.key, notice.values)}
    </Notification>
  );
}
