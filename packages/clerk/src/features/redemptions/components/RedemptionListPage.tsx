import { ComingSoon } from '@ticket/ui';
import { useTranslation } from 'react-i18next';

/** 票券核銷列表: search by ticket name, code, recipient or order number (R3), coming with the redemption API. */
export function RedemptionListPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('clerk.redemptions.title')} />;
}
