import { Title, VisuallyHidden } from '@mantine/core';
import { RedemptionList } from '@ticket/ui/redemption';
import { useTranslation } from 'react-i18next';

const redeemTo = (code: string) => `/redeem/${encodeURIComponent(code)}?from=list`;

/** 票券核銷列表 (R3, X4) as cards for a phone. The list itself is shared with the admin app. */
export function RedemptionListPage() {
  const { t } = useTranslation();
  return (
    <>
      <VisuallyHidden>
        <Title order={1}>{t('clerk.redemptions.title')}</Title>
      </VisuallyHidden>
      <RedemptionList redeemTo={redeemTo} />
    </>
  );
}
