import { redemptionCatalogs } from '@ticket/ui/redemption';
import { en } from './en';
import { zhTW } from './zh-TW';

/** The clerk's own strings plus the shared redemption screens'. */
export const catalogs = {
  'zh-TW': { ...redemptionCatalogs['zh-TW'], ...zhTW },
  en: { ...redemptionCatalogs.en, ...en },
};
