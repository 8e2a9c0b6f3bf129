import { Button, Text, type MantineSize } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/AuthProvider';

/** The signed-in name and a sign-out button (nothing when signed out). */
export function SessionControls({ size = 'sm' }: { size?: MantineSize }) {
  const { t } = useTranslation();
  const { viewer, logout } = useSession();
  const [leaving, setLeaving] = useState(false);
  if (!viewer) return null;
  return (
    <>
      <Text size={size} fw={500} data-testid="viewer-name" truncate maw={200}>
        {viewer.name}
      </Text>
      <Button
        size={size}
        variant="default"
        data-testid="logout"
        loading={leaving}
        onClick={() => {
          setLeaving(true);
          logout().finally(() => setLeaving(false));
        }}
      >
        {t('common.logout')}
      </Button>
    </>
  );
}
