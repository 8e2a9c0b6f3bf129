export * from './cart-store';
export * from './awaiting-payment';
export { CartProvider, useCarts, type CartsApi } from './CartProvider';
export { CartSummary } from './CartSummary';
export { CartDiscountsDocument } from './discounts';
export * from './pricing';
