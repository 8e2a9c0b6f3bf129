import type { Catalogs } from '../../shared/i18n';
import { commonZhTW, passwordResetZhTW, redemptionZhTW } from '../../shared/ui-source';
import { zhTW } from './zh-TW';

/**
 * The shared common and redemption strings (the admin's redeem page says the same) plus the clerk's own.
 * zh-TW comes with the page; English loads when chosen.
 */
export const catalogs: Catalogs = {
  'zh-TW': { ...commonZhTW, ...redemptionZhTW, ...passwordResetZhTW, ...zhTW },
  en: () => import('./en-catalog').then((m) => m.enCatalog),
};
