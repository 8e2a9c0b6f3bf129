import { passwordResetCatalogs, redemptionCatalogs, type AppCatalog } from '@ticket/ui/core';
import { zhTW } from './zh-TW';

/**
 * The admin's own strings plus the shared redemption screens' (票券核銷列表, 核銷票券頁) and password-reset
 * screens' (B9). English loads when it is first chosen: it stays out of the first load (issue 15).
 */
export const catalogs: { 'zh-TW': AppCatalog; en: AppCatalog } = {
  'zh-TW': { ...redemptionCatalogs['zh-TW'], ...passwordResetCatalogs['zh-TW'], ...zhTW },
  en: () => import('./en').then(({ en }) => ({ ...redemptionCatalogs.en, ...passwordResetCatalogs.en, ...en })),
};
