// Mantine-free: the shell and the product page import this (shared/lite); CartSummary (Mantine) is imported from its file.
export * from './cart-store';
export * from './awaiting-payment';
export { CartProvider, useCarts, type CartsApi } from './CartProvider';
export { CartDiscountsDocument } from './discounts';
export * from './pricing';
