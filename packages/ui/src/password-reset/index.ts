/*
 * B9, account recovery screens shared by the shop, the admin console and the clerk app: 忘記密碼 (ask for a
 * link) and /reset-password?token=… (choose a new password). Import from '@ticket/ui/password-reset'; merge
 * `passwordResetCatalogs` into the app's i18n. Test helpers: '@ticket/ui/password-reset/testing'.
 */
export * from './documents';
export { ForgotPasswordLink } from './ForgotPasswordLink';
export { passwordResetCatalogs, passwordResetEn, passwordResetZhTW, type PasswordResetCatalog } from './locales';
export { PasswordResetPage, type PasswordResetPageProps } from './PasswordResetPage';
export { PasswordResetRequestPage, type PasswordResetRequestPageProps } from './PasswordResetRequestPage';
