import { redemptionCatalogs } from '@ticket/ui/redemption';
import { en } from './en';
import { zhTW } from './zh-TW';

/** The admin's own strings plus the shared redemption screens' (票券核銷列表, 核銷票券頁). */
export const catalogs = {
  'zh-TW': { ...redemptionCatalogs['zh-TW'], ...zhTW },
  en: { ...redemptionCatalogs.en, ...en },
};
