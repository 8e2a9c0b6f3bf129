import type { OrderDetailQuery, OrderStatus, Permission, TicketCodeStatus } from '../../../gql/graphql';

export type OrderDetail = NonNullable<OrderDetailQuery['order']>;
export type OrderLineDetail = OrderDetail['lines'][number];
export type OrderCode = OrderLineDetail['codes'][number];

export const ORDER_STATUSES = [
  'PENDING_PAYMENT',
  'PAID',
  'RETURNING',
  'RETURN_REVIEW',
  'PARTIALLY_REFUNDED',
  'CLOSED',
  'CANCELLED',
  'PAYMENT_FAILED',
  'EXPIRED',
] as const satisfies readonly OrderStatus[];

export const ORDER_STATUS_COLOR: Record<OrderStatus, string> = {
  PENDING_PAYMENT: 'yellow',
  PAID: 'green',
  RETURNING: 'orange',
  RETURN_REVIEW: 'grape',
  PARTIALLY_REFUNDED: 'pink',
  CLOSED: 'gray',
  CANCELLED: 'red',
  PAYMENT_FAILED: 'red',
  EXPIRED: 'gray',
};

export const CODE_STATUS_COLOR: Record<TicketCodeStatus, string> = {
  ACTIVE: 'green',
  FULLY_REDEEMED: 'gray',
  SPLIT: 'orange',
  REFUNDED: 'red',
};

/** F5: the states an order can be cancelled from (the server's CANCELLABLE). */
const CANCELLABLE: readonly OrderStatus[] = ['PAID', 'RETURNING', 'RETURN_REVIEW', 'CLOSED'];

export type OrderAction = 'cancel' | 'markReturning' | 'markReturnReview' | 'refund';

export interface OrderActionState {
  /** The buttons to show, in this order. */
  actions: OrderAction[];
  /** F5: cancelling would be allowed but for redeemed tickets: say why the button is missing. */
  cancelBlockedByRedemptions: boolean;
}

type ActionOrder = Pick<OrderDetail, 'status' | 'kind'> & {
  refund?: unknown;
  lines: readonly { codes: readonly Pick<OrderCode, 'redeemedQuantity'>[] }[];
};

/**
 * Which state actions are valid for this order and this viewer (F3, F5, F6):
 * - 取消訂單 (REFUNDS_MANAGE) from PAID, RETURNING, RETURN_REVIEW or CLOSED, with nothing redeemed;
 * - 退貨中 (ORDERS_MANAGE) from PAID; 退貨審查 (ORDERS_MANAGE) from RETURNING (ticket orders);
 * - 部分退款 (REFUNDS_MANAGE) in RETURN_REVIEW only;
 * and none of them once the order has its one refund.
 */
export function orderActions(order: ActionOrder, permissions: readonly (Permission | string)[]): OrderActionState {
  const none = { actions: [], cancelBlockedByRedemptions: false };
  if (order.refund) return none;
  const manageOrders = permissions.includes('ORDERS_MANAGE');
  const manageRefunds = permissions.includes('REFUNDS_MANAGE');
  const tickets = order.kind === 'TICKET';
  const redeemed = order.lines.some((line) => line.codes.some((code) => code.redeemedQuantity > 0));
  const actions: OrderAction[] = [];
  if (tickets && manageOrders && order.status === 'PAID') actions.push('markReturning');
  if (tickets && manageOrders && order.status === 'RETURNING') actions.push('markReturnReview');
  if (tickets && manageRefunds && order.status === 'RETURN_REVIEW') actions.push('refund');
  const cancellable = manageRefunds && CANCELLABLE.includes(order.status);
  if (cancellable && !redeemed) actions.push('cancel');
  return { actions, cancelBlockedByRedemptions: cancellable && redeemed };
}

/** S3-style mask for lists: `0912345678` -> `0912***678`. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length < 7) return digits.replace(/.(?=.{2})/g, '*');
  return `${digits.slice(0, 4)}***${digits.slice(-3)}`;
}

/** Why a code can't be chosen for a refund (F4, F7, X1), or null when it can. */
export type RefundBlock = 'SPLIT' | 'REFUNDED' | 'FULLY_REDEEMED' | 'NOTHING_LEFT';

export function refundBlock(code: Pick<OrderCode, 'status' | 'remainingQuantity'>): RefundBlock | null {
  if (code.status === 'SPLIT' || code.status === 'REFUNDED' || code.status === 'FULLY_REDEEMED') return code.status;
  if (code.remainingQuantity <= 0) return 'NOTHING_LEFT';
  return null;
}

/**
 * A line's codes as rows: each original followed by the codes it was split into (X1), whatever order the
 * server lists them in. `depth` 1 marks a split code.
 */
export function codeRows<C extends Pick<OrderCode, 'code' | 'parent'>>(codes: readonly C[]): { code: C; depth: 0 | 1 }[] {
  const known = new Set(codes.map((c) => c.code));
  const roots = codes.filter((c) => !c.parent || !known.has(c.parent.code));
  const rows: { code: C; depth: 0 | 1 }[] = [];
  for (const root of roots) {
    rows.push({ code: root, depth: 0 });
    for (const child of codes) if (child.parent?.code === root.code) rows.push({ code: child, depth: 1 });
  }
  return rows;
}
