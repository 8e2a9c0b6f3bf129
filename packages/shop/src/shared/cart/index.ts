export * from './cart-store';
export { CartProvider, useCarts, type CartsApi } from './CartProvider';
export { CartSummary } from './CartSummary';
export { CartDiscountsDocument } from './discounts';
export * from './pricing';
