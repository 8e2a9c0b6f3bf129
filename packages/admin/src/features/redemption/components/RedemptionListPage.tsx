import { Text, Title } from '@mantine/core';
import { RedemptionList } from '@ticket/ui/redemption';
import { useTranslation } from 'react-i18next';

const redeemTo = (code: string) => `/redeem/${encodeURIComponent(code)}?from=list`;

/** 商品 > 票券核銷列表 (R3, X4): the clerk app's list, as a table for a desk. */
export function RedemptionListPage() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={2} mb="xs">
        {t('admin.nav.redemptions')}
      </Title>
      <Text c="dimmed" size="sm" mb="lg">
        {t('admin.redemption.listHint')}
      </Text>
      <RedemptionList redeemTo={redeemTo} layout="table" size="md" />
    </>
  );
}
