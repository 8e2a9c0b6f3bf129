/*
 * The pure parts of @ticket/ui that the clerk shares with the admin app: reading codes, the device label,
 * idempotency keys, validity, dates in Asia/Taipei, and the redemption and common strings. They are
 * imported from their files: the package's entry points ('@ticket/ui', '@ticket/ui/redemption') also load
 * Mantine, i18next and graphql-tag (their documents are parsed when imported), and the clerk's first load
 * (130 KB gzip, issue 13) has no room for those. Nothing here may import a UI kit.
 */
export { codeFromInput, codeFromScan, isSplitCode } from '../../../ui/src/redemption/code';
export { deviceLabel } from '../../../ui/src/redemption/device';
export { newIdempotencyKey } from '../../../ui/src/redemption/idempotency';
export { historyLine } from '../../../ui/src/redemption/history-line';
export { validityAt } from '../../../ui/src/redemption/validity';
export { redemptionZhTW } from '../../../ui/src/redemption/locales.zh-TW';
export { redemptionEn } from '../../../ui/src/redemption/locales.en';
export { formatDate, formatDateTime } from '../../../ui/src/format';
export { zhTW as commonZhTW } from '../../../ui/src/i18n/zh-TW';
export { en as commonEn } from '../../../ui/src/i18n/en';
export { passwordResetZhTW, passwordResetEn } from '../../../ui/src/password-reset/locales';
