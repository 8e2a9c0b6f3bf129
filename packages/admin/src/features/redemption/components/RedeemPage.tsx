import { Box, Text, Title } from '@mantine/core';
import { deviceLabel, RedeemScreen } from '@ticket/ui/redemption';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * 商品 > 核銷票券頁 (R3, R4, X3): the clerk app's redeem page, at a desk with a scanner. Always the confirm
 * dialog (no quick mode); the ticket card lists every redemption with its device (R2), and after a success the
 * admin can open the code again to see the new one.
 */
export function RedeemPage() {
  const { t } = useTranslation();
  const device = useMemo(() => deviceLabel('admin'), []);
  return (
    <Box maw={720}>
      <Title order={2} mb="xs">
        {t('admin.nav.redeem')}
      </Title>
      <Text c="dimmed" size="sm" mb="lg">
        {t('admin.redemption.redeemHint')}
      </Text>
      <RedeemScreen device={device} historyLayout="table" offerDetails="always" />
    </Box>
  );
}
