import { passwordResetCatalogs, type AppCatalog } from '@ticket/ui/core';
import { zhTW } from './zh-TW';

/**
 * The shop's own strings plus the shared password-reset screens' (B9). English loads when it is first
 * chosen: it stays out of the first load (issue 15).
 */
export const catalogs: { 'zh-TW': AppCatalog; en: AppCatalog } = {
  'zh-TW': { ...passwordResetCatalogs['zh-TW'], ...zhTW },
  en: () => import('./en').then(({ en }) => ({ ...passwordResetCatalogs.en, ...en })),
};
