import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { readFilters, toFilterInput, writeFilters } from '../components/OrderListPage';
import { codeRows, maskPhone, orderActions, refundBlock } from './orderLogic';
import type { OrderStatus } from '../../../gql/graphql';

const order = (status: OrderStatus, redeemed = 0, refund: object | null = null, kind: 'TICKET' | 'GOODS' = 'TICKET') => ({
  status,
  kind,
  refund,
  lines: [{ codes: [{ redeemedQuantity: 0 }, { redeemedQuantity: redeemed }] }],
});

describe('order state actions', () => {
  it.each<[OrderStatus, string[]]>([
    ['PENDING_PAYMENT', []],
    ['PAID', ['markReturning', 'cancel']],
    ['RETURNING', ['markReturnReview', 'cancel']],
    ['RETURN_REVIEW', ['refund', 'cancel']],
    ['PARTIALLY_REFUNDED', []],
    ['CLOSED', ['cancel']],
    ['CANCELLED', []],
    ['PAYMENT_FAILED', []],
    ['EXPIRED', []],
  ])('F5/F6: an order %s with nothing redeemed offers %j', (status, actions) => {
    expect(orderActions(order(status), admin.permissions).actions).toEqual(actions);
  });

  it('F5: once anything is redeemed the order cannot be cancelled, and the page says why', () => {
    expect(orderActions(order('PAID', 1), admin.permissions)).toEqual({ actions: ['markReturning'], cancelBlockedByRedemptions: true });
    expect(orderActions(order('RETURN_REVIEW', 2), admin.permissions)).toEqual({ actions: ['refund'], cancelBlockedByRedemptions: true });
    expect(orderActions(order('CANCELLED', 1), admin.permissions).cancelBlockedByRedemptions).toBe(false);
  });

  it('F3: an order with its one refund offers nothing more', () => {
    expect(orderActions(order('RETURN_REVIEW', 0, { id: 'r1' }), admin.permissions).actions).toEqual([]);
  });

  it('hides what the viewer may not do: ORDERS_MANAGE moves states, REFUNDS_MANAGE cancels and refunds', () => {
    expect(orderActions(order('PAID'), ['ORDERS_READ']).actions).toEqual([]);
    expect(orderActions(order('PAID'), ['ORDERS_READ', 'ORDERS_MANAGE']).actions).toEqual(['markReturning']);
    expect(orderActions(order('RETURN_REVIEW'), ['ORDERS_READ', 'ORDERS_MANAGE']).actions).toEqual([]);
    expect(orderActions(order('RETURN_REVIEW'), ['ORDERS_READ', 'REFUNDS_MANAGE']).actions).toEqual(['refund', 'cancel']);
  });

  it('goods orders can be cancelled but have no per-code return steps', () => {
    expect(orderActions(order('PAID', 0, null, 'GOODS'), admin.permissions).actions).toEqual(['cancel']);
  });
});

describe('refund choices', () => {
  it('F4/F7/X1: void and used-up codes cannot be chosen, each with its reason', () => {
    expect(refundBlock({ status: 'ACTIVE', remainingQuantity: 3 })).toBeNull();
    expect(refundBlock({ status: 'SPLIT', remainingQuantity: 0 })).toBe('SPLIT');
    expect(refundBlock({ status: 'REFUNDED', remainingQuantity: 0 })).toBe('REFUNDED');
    expect(refundBlock({ status: 'FULLY_REDEEMED', remainingQuantity: 0 })).toBe('FULLY_REDEEMED');
    expect(refundBlock({ status: 'ACTIVE', remainingQuantity: 0 })).toBe('NOTHING_LEFT');
  });

  it('X1: split codes are listed right under the code they came from', () => {
    const codes = [
      { code: 'A', parent: null },
      { code: 'B', parent: null },
      { code: 'A2', parent: { code: 'A' } },
      { code: 'A1', parent: { code: 'A' } },
    ];
    expect(codeRows(codes).map((r) => `${r.depth}:${r.code.code}`)).toEqual(['0:A', '1:A2', '1:A1', '0:B']);
  });
});

describe('order list', () => {
  it('masks the middle of a phone number', () => {
    expect(maskPhone('0912345678')).toBe('0912***678');
  });

  it('reads filters from the address and sends Taipei day boundaries, the end day included', () => {
    const filters = readFilters(new URLSearchParams('status=PAID,RETURNING,BOGUS&kind=TICKET&unread=1&q=%20王%20&from=2026-11-01&to=2026-11-15'));
    expect(filters.status).toEqual(['PAID', 'RETURNING']);
    expect(toFilterInput(filters)).toEqual({
      status: ['PAID', 'RETURNING'],
      kind: 'TICKET',
      hasUnreadInquiry: true,
      search: '王',
      createdFrom: '2026-10-31T16:00:00.000Z',
      createdTo: '2026-11-15T16:00:00.000Z',
    });
    expect(toFilterInput(readFilters(new URLSearchParams('')))).toEqual({});
    expect(writeFilters(filters).toString()).toBe(new URLSearchParams('status=PAID,RETURNING&kind=TICKET&unread=1&q=王&from=2026-11-01&to=2026-11-15').toString());
  });
});
