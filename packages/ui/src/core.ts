/*
 * The parts of @ticket/ui that draw nothing: the Apollo client, i18n, formatting and the session. Import
 * from '@ticket/ui/core' where Mantine must not load (the shop's shell, home and product pages, whose
 * first load has a budget, issue 15): the main entry also holds the Mantine components and the theme,
 * whose module loads Mantine's whole stylesheet.
 */
export { createApolloClient } from './apollo';
export { initI18n, currentLanguage, i18n, LANGUAGES, DEFAULT_LANGUAGE, type AppCatalog, type Language, type Messages } from './i18n';
export { formatMoney, formatDate, formatDateTime, BUSINESS_TIME_ZONE } from './format';
export { AuthProvider, useSession, useViewer, type Session } from './auth/AuthProvider';
export { ViewerDocument, type Viewer, type SignInApp, type Role, type PayloadError } from './auth/documents';
export { lazyPage } from './lazy';
// The shared screens' strings, for an app's catalogs: their entry points ('@ticket/ui/redemption',
// '@ticket/ui/password-reset') also hold the screens, which would then load with the app.
export { passwordResetCatalogs, passwordResetEn, passwordResetZhTW } from './password-reset/locales';
export { redemptionCatalogs, redemptionEn, redemptionZhTW } from './redemption/locales';
