/*
 * Redemption (核銷) screens shared by the clerk app and the admin app: the whole redeem page (RedeemScreen)
 * and redemption list (RedemptionList), and their parts. Import from '@ticket/ui/redemption'; merge
 * `redemptionCatalogs` into the app's i18n. Test helpers: '@ticket/ui/redemption/testing'.
 */
export * from './documents';
export { codeFromInput, codeFromScan, isSplitCode, isWellFormedCode, normaliseCode, CODE_ALPHABET, CODE_LENGTH, SPLIT_CODE_LENGTH } from './code';
export { CodeScanner, type CodeScannerProps } from './CodeScanner';
export { deviceLabel } from './device';
export { newIdempotencyKey } from './idempotency';
export { redemptionCatalogs, redemptionEn, redemptionZhTW, type RedemptionCatalog } from './locales';
export { QuantityField, type QuantityFieldProps } from './QuantityField';
export { RedeemPanel, type RedeemPanelProps, type RedeemRequest } from './RedeemPanel';
export { RedeemResult, type RedeemOutcome, type RedeemResultProps } from './RedeemResult';
export { RedeemScreen, type RedeemScreenProps } from './RedeemScreen';
export { RedemptionHistory } from './RedemptionHistory';
export { RedemptionList, type RedemptionListProps } from './RedemptionList';
export { SplitCodesDialog, type SplitCodesDialogProps } from './SplitCodesDialog';
export { StatusBadge } from './StatusBadge';
export { TicketCard, type TicketCardProps } from './TicketCard';
export { TicketCodeList, type TicketCodeListProps } from './TicketCodeList';
export { TicketCodeSearchForm, SEARCH_FIELDS, isSearchField, type TicketCodeSearch, type TicketCodeSearchFormProps } from './TicketCodeSearchForm';
export { useRedeemFlow, type LookUpOptions, type RedeemFlow, type RedeemPhase } from './useRedeemFlow';
export { useTicketCodeSearch, type TicketCodeSearchResult } from './useTicketCodeSearch';
export { isRedeemable, validityAt, type Validity } from './validity';
