/**
 * Strings of the shared redemption components, under the `redemption` section. An app that uses them
 * merges these catalogs into its own: `initI18n({ 'zh-TW': { ...redemptionCatalogs['zh-TW'], ...mine } })`.
 *
 * One file per language, so that an app can load a language only when it is chosen (the clerk app does).
 */
import { redemptionEn } from './locales.en';
import { redemptionZhTW } from './locales.zh-TW';

export { redemptionEn } from './locales.en';
export { redemptionZhTW, type RedemptionCatalog } from './locales.zh-TW';

export const redemptionCatalogs = { 'zh-TW': redemptionZhTW, en: redemptionEn };
