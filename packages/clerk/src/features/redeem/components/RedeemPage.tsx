import { Title, VisuallyHidden } from '@mantine/core';
import { deviceLabel, RedeemScreen } from '@ticket/ui/redemption';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** 核銷票券頁 (R3, R4): phone-first, with the quick-redeem switch (B4). The screen itself is shared with the admin app. */
export function RedeemPage() {
  const { t } = useTranslation();
  const device = useMemo(() => deviceLabel('clerk'), []);
  return (
    <>
      <VisuallyHidden>
        <Title order={1}>{t('clerk.redeem.title')}</Title>
      </VisuallyHidden>
      <RedeemScreen device={device} quickModeKey="clerk.quickRedeem" />
    </>
  );
}
