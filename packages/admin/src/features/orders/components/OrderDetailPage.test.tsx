import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { admin } from '../../../test/fixtures';
import {
  OrderCancelDocument,
  OrderDetailDocument,
  OrderMessageCreateDocument,
  OrderMessagesMarkReadDocument,
  OrderRefundDocument,
  RefundQuoteDocument,
} from '../api/orders';
import { OrderDetailPage } from './OrderDetailPage';

const code = (c: string, quantity: number, redeemed: number, status: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'TicketCode',
  code: c,
  quantity,
  redeemedQuantity: redeemed,
  refundedQuantity: status === 'REFUNDED' ? quantity - redeemed : 0,
  remainingQuantity: status === 'ACTIVE' ? quantity - redeemed : 0,
  status,
  parent: null,
  children: [],
  redemptions: [],
  ...extra,
});

const child = (c: string, parent: string) => code(c, 1, 0, 'ACTIVE', { parent: { __typename: 'TicketCode', code: parent } });

/** 5 x 全票 (2 redeemed), 2 x 學生票 split into two codes, 1 x 兌換券 fully redeemed. */
function makeOrder(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Order',
    id: 'o1',
    number: 'T20261126-000123',
    kind: 'TICKET',
    status: 'RETURN_REVIEW',
    createdAt: '2026-11-25T02:00:00Z',
    paidAt: '2026-11-25T02:00:05Z',
    closedAt: null,
    cancelledAt: null,
    subtotal: 1600,
    discount: 0,
    shippingFee: 0,
    total: 1600,
    paymentMethod: 'CREDIT_CARD',
    referralCode: 'AMY2026',
    termsAcceptedAt: '2026-11-25T01:59:00Z',
    hasUnreadInquiry: false,
    recipient: { __typename: 'Recipient', name: '王小明', phone: '0912345678' },
    messages: [],
    refund: null,
    payment: null,
    paymentNotifications: [],
    lines: [
      {
        __typename: 'OrderLine',
        id: 'l1',
        productTitle: '聖誕音樂會',
        variantName: '全票',
        quantity: 5,
        unitPrice: 200,
        discountShare: 0,
        amountPaid: 1000,
        codes: [
          code('AAAAAAAAAA', 5, 2, 'ACTIVE', {
            redemptions: [
              { __typename: 'Redemption', id: 'r1', kind: 'REDEMPTION', quantity: 2, channel: 'SCANNER', device: '入口 2', redeemedBy: '林店員', createdAt: '2026-11-25T10:00:00Z', reason: null, reversedQuantity: 0 },
            ],
          }),
        ],
      },
      {
        __typename: 'OrderLine',
        id: 'l2',
        productTitle: '聖誕音樂會',
        variantName: '學生票',
        quantity: 2,
        unitPrice: 150,
        discountShare: 0,
        amountPaid: 300,
        codes: [
          code('BBBBBBBBBB', 2, 0, 'SPLIT', {
            children: [
              { __typename: 'TicketCode', code: 'BBBBBBBBBB000000000000001', status: 'ACTIVE', remainingQuantity: 1 },
              { __typename: 'TicketCode', code: 'BBBBBBBBBB000000000000002', status: 'ACTIVE', remainingQuantity: 1 },
            ],
          }),
          child('BBBBBBBBBB000000000000001', 'BBBBBBBBBB'),
          child('BBBBBBBBBB000000000000002', 'BBBBBBBBBB'),
        ],
      },
      {
        __typename: 'OrderLine',
        id: 'l3',
        productTitle: '紀念品兌換券',
        variantName: '兌換組',
        quantity: 1,
        unitPrice: 300,
        discountShare: 0,
        amountPaid: 300,
        codes: [code('CCCCCCCCCC', 1, 1, 'FULLY_REDEEMED')],
      },
    ],
    ...overrides,
  };
}

const detail = (order: object) => ({ request: { query: OrderDetailDocument, variables: { id: 'o1', withRedemptions: true } }, result: { data: { order } } });

function renderPage(mocks: object[]) {
  return render(
    <TestProviders app="ADMIN" viewer={admin} route="/orders/o1" mocks={mocks as never}>
      <Routes>
        <Route path="/orders/:id" element={<OrderDetailPage />} />
      </Routes>
    </TestProviders>,
  );
}

const quoteLine = (c: string, quantity: number, amount: number, feeRefund: number) => ({ __typename: 'RefundQuoteLine', code: c, refundable: true, quantity, amount, feeRefund });

describe('order detail', () => {
  it('R2/X1: lists each code with its quantities, split codes under their original, and the redemption history on demand', async () => {
    renderPage([detail(makeOrder())]);
    const rows = await screen.findAllByTestId('order-code-row');
    expect(rows.map((r) => `${r.getAttribute('data-code')}:${r.getAttribute('data-split')}`)).toEqual([
      'AAAAAAAAAA:false',
      'BBBBBBBBBB:false',
      'BBBBBBBBBB000000000000001:true',
      'BBBBBBBBBB000000000000002:true',
      'CCCCCCCCCC:false',
    ]);
    expect(within(rows[0]!).getAllByRole('cell').slice(2, 6).map((c) => c.textContent)).toEqual(['5', '2', '0', '3']);
    expect(within(rows[1]!).getByTestId('code-split-note').textContent).toBe('已分票為 2 個核銷碼');

    const toggle = within(rows[0]!).getByTestId('code-history-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const history = await screen.findByTestId('redemption-history');
    expect(within(history).getByTestId('redemption-row').textContent).toMatch(/2.*掃描器.*入口 2.*林店員/);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    expect(screen.getByTestId('order-referral').textContent).toBe('AMY2026');
  });

  it('F5/F6: in return review with tickets redeemed only 部分退款 shows, and the page says why it cannot be cancelled', async () => {
    renderPage([detail(makeOrder())]);
    await screen.findByTestId('order-refund');
    expect(screen.queryByTestId('order-mark-returning')).toBeNull();
    expect(screen.queryByTestId('order-mark-review')).toBeNull();
    // 2 tickets were redeemed: F5 allows no cancellation, and the page says so.
    expect(screen.queryByTestId('order-cancel')).toBeNull();
    expect(screen.getByTestId('order-cancel-blocked')).toBeTruthy();
  });

  it('F2-F8: the refund screen quotes the chosen codes live, refunds them with one idempotency key, and the order then shows its refund', async () => {
    const keys: string[] = [];
    const refunded = makeOrder({
      status: 'PARTIALLY_REFUNDED',
      refund: {
        __typename: 'Refund',
        id: 'rf1',
        kind: 'PARTIAL',
        amount: 750,
        feeRefund: 37,
        reason: '顧客無法出席',
        createdAt: '2026-11-26T03:00:00Z',
        codes: [
          { __typename: 'RefundCode', code: 'AAAAAAAAAA', quantity: 3, amount: 600, feeRefund: 30 },
          { __typename: 'RefundCode', code: 'BBBBBBBBBB000000000000001', quantity: 1, amount: 150, feeRefund: 7 },
        ],
      },
    });
    renderPage([
      detail(makeOrder()),
      {
        request: { query: RefundQuoteDocument, variables: { orderId: 'o1', codes: ['AAAAAAAAAA'] } },
        result: { data: { refundQuote: { __typename: 'RefundQuote', amount: 600, feeRefund: 30, lines: [quoteLine('AAAAAAAAAA', 3, 600, 30)] } } },
      },
      {
        request: { query: RefundQuoteDocument, variables: { orderId: 'o1', codes: ['AAAAAAAAAA', 'BBBBBBBBBB000000000000001'] } },
        result: {
          data: {
            refundQuote: {
              __typename: 'RefundQuote',
              amount: 750,
              feeRefund: 37,
              lines: [quoteLine('AAAAAAAAAA', 3, 600, 30), quoteLine('BBBBBBBBBB000000000000001', 1, 150, 7)],
            },
          },
        },
      },
      {
        request: {
          query: OrderRefundDocument,
          variables: (v: { input: { orderId: string; codes: string[]; idempotencyKey: string; reason: string | null } }) => {
            keys.push(v.input.idempotencyKey);
            return v.input.orderId === 'o1' && v.input.codes.join() === 'AAAAAAAAAA,BBBBBBBBBB000000000000001' && v.input.reason === '顧客無法出席';
          },
        },
        result: { data: { orderRefund: { __typename: 'OrderRefundPayload', order: { __typename: 'Order', id: 'o1', status: 'PARTIALLY_REFUNDED' }, refund: refunded.refund, errors: [] } } },
      },
      detail(refunded),
    ]);
    fireEvent.click(await screen.findByTestId('order-refund'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('refund-rules').textContent).toMatch(/全部剩餘張數.*已核銷的張數不會退款.*只能退款一次/);

    const box = (c: string) => within(dialog).getAllByTestId('refund-code-checkbox').find((el) => el.getAttribute('data-code') === c) as HTMLInputElement;
    expect(box('BBBBBBBBBB').disabled).toBe(true);
    expect(box('CCCCCCCCCC').disabled).toBe(true);
    expect(within(dialog).getAllByTestId('refund-code-blocked').map((e) => e.textContent)).toEqual(['已分票：請選擇分票後的核銷碼', '已全部核銷，沒有可退的張數']);
    expect(within(dialog).getByTestId('refund-total').textContent).toBe('NT$0');
    expect((within(dialog).getByTestId('refund-confirm') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(box('AAAAAAAAAA'));
    await waitFor(() => expect(within(dialog).getByTestId('refund-total').textContent).toBe('NT$600'));
    fireEvent.click(box('BBBBBBBBBB000000000000001'));
    await waitFor(() => expect(within(dialog).getByTestId('refund-total').textContent).toBe('NT$750'));
    expect(within(dialog).getByTestId('refund-fee-total').textContent).toContain('NT$37');
    const row = within(dialog).getAllByTestId('refund-code-row').find((r) => r.getAttribute('data-code') === 'AAAAAAAAAA')!;
    expect(within(row).getByTestId('refund-quote-quantity').textContent).toBe('3');

    fireEvent.change(within(dialog).getByTestId('refund-reason'), { target: { value: '顧客無法出席' } });
    await waitFor(() => expect((within(dialog).getByTestId('refund-confirm') as HTMLButtonElement).disabled).toBe(false));
    expect(within(dialog).getByTestId('refund-confirm').textContent).toBe('確認退款 NT$750');
    fireEvent.click(within(dialog).getByTestId('refund-confirm'));

    expect((await screen.findByTestId('order-refund-box')).textContent).toContain('NT$750');
    expect(screen.getByTestId('order-status').getAttribute('data-status')).toBe('PARTIALLY_REFUNDED');
    expect(screen.queryByTestId('order-refund')).toBeNull();
    expect(keys.at(-1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('F6: a refund the server refuses (same business day) shows its message in the dialog', async () => {
    renderPage([
      detail(makeOrder()),
      {
        request: { query: RefundQuoteDocument, variables: { orderId: 'o1', codes: ['AAAAAAAAAA'] } },
        result: { data: { refundQuote: { __typename: 'RefundQuote', amount: 600, feeRefund: 30, lines: [quoteLine('AAAAAAAAAA', 3, 600, 30)] } } },
      },
      {
        request: { query: OrderRefundDocument, variables: () => true },
        result: {
          data: {
            orderRefund: {
              __typename: 'OrderRefundPayload',
              order: null,
              refund: null,
              errors: [{ __typename: 'OrderRefundError', code: 'REFUND_NOT_YET_ALLOWED', message: '付款次一營業日起才能部分退款' }],
            },
          },
        },
      },
    ]);
    fireEvent.click(await screen.findByTestId('order-refund'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getAllByTestId('refund-code-checkbox')[0]!);
    await waitFor(() => expect((within(dialog).getByTestId('refund-confirm') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(within(dialog).getByTestId('refund-confirm'));
    expect((await within(dialog).findByTestId('form-error')).textContent).toBe('付款次一營業日起才能部分退款');
  });

  it('F1: opening an order marks the buyer messages read (still marked 新 for this visit) and a reply joins the thread', async () => {
    const unread = { __typename: 'OrderMessage', id: 'm1', body: '我想退 3 張全票', fromStaff: false, createdAt: '2026-11-25T05:00:00Z', readByStaffAt: null };
    const markRead = vi.fn(() => ({
      data: { orderMessagesMarkRead: { __typename: 'OrderMessagesMarkReadPayload', messages: [{ ...unread, readByStaffAt: '2026-11-26T01:00:00Z' }], errors: [] } },
    }));
    const reply = { __typename: 'OrderMessage', id: 'm2', body: '已為您辦理退貨', fromStaff: true, createdAt: '2026-11-26T01:01:00Z', readByStaffAt: null };
    renderPage([
      detail(makeOrder({ status: 'PAID', hasUnreadInquiry: true, messages: [unread], lines: [makeOrder().lines[0]!] })),
      { request: { query: OrderMessagesMarkReadDocument, variables: { input: { orderId: 'o1' } } }, result: markRead },
      {
        request: { query: OrderMessageCreateDocument, variables: { input: { orderId: 'o1', body: '已為您辦理退貨' } } },
        result: { data: { orderMessageCreate: { __typename: 'OrderMessageCreatePayload', message: reply, errors: [] } } },
      },
    ]);
    expect((await screen.findByTestId('inquiry-message')).textContent).toContain('我想退 3 張全票');
    await waitFor(() => expect(markRead).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('inquiry-new')).toBeTruthy();
    // PAID with 2 redeemed: 退貨中 only.
    expect(screen.getByTestId('order-mark-returning')).toBeTruthy();
    expect(screen.queryByTestId('order-refund')).toBeNull();

    fireEvent.change(screen.getByTestId('inquiry-reply'), { target: { value: '已為您辦理退貨' } });
    fireEvent.keyDown(screen.getByTestId('inquiry-reply'), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getAllByTestId('inquiry-message')).toHaveLength(2));
    expect(screen.getAllByTestId('inquiry-message')[1]!.getAttribute('data-from')).toBe('staff');
    expect((screen.getByTestId('inquiry-reply') as HTMLTextAreaElement).value).toBe('');
  });

  it('F5: cancelling asks for confirmation with a reason, and a refusal is shown in the dialog', async () => {
    const lines = [makeOrder().lines[0]!].map((l) => ({ ...l, codes: [code('AAAAAAAAAA', 5, 0, 'ACTIVE')] }));
    renderPage([
      detail(makeOrder({ status: 'PAID', lines })),
      {
        request: {
          query: OrderCancelDocument,
          variables: (v: { input: { orderId: string; reason: string | null; idempotencyKey: string } }) => v.input.orderId === 'o1' && v.input.reason === '顧客要求' && v.input.idempotencyKey.length === 36,
        },
        result: {
          data: {
            orderCancel: {
              __typename: 'OrderCancelPayload',
              order: null,
              refund: null,
              errors: [{ __typename: 'OrderCancelError', code: 'ORDER_HAS_REDEMPTIONS', message: '此訂單已有核銷紀錄，無法取消' }],
            },
          },
        },
      },
    ]);
    expect(await screen.findByTestId('order-mark-returning')).toBeTruthy();
    fireEvent.click(screen.getByTestId('order-cancel'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('NT$1,600');
    fireEvent.change(within(dialog).getByTestId('cancel-reason'), { target: { value: '顧客要求' } });
    fireEvent.click(within(dialog).getByTestId('confirm-submit'));
    expect((await within(dialog).findByTestId('form-error')).textContent).toBe('此訂單已有核銷紀錄，無法取消');
  });
});

const payment = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'Payment',
  gateway: 'tappay',
  transactionId: 'D20261125ABCDEF',
  amount: 1600,
  refundedAmount: 0,
  status: 'SUCCEEDED',
  threeDomainSecure: true,
  cardBrand: 'VISA',
  cardLastFour: '4242',
  bankResult: '0 (Success)',
  lateRefundReference: null,
  createdAt: '2026-11-25T02:00:05Z',
  ...overrides,
});
const notification = (receivedAt: string, transactionId = 'D20261125ABCDEF') => ({ __typename: 'PaymentNotification', gateway: 'tappay', transactionId, receivedAt });

describe('付款資訊 (payment)', () => {
  it('B6/P4: shows the gateway, a copyable transaction id, 3-D Secure, the card, the bank result, the amounts and every notification with its time', async () => {
    renderPage([
      detail(
        makeOrder({
          status: 'PAID',
          payment: payment({ refundedAmount: 300, status: 'PARTIALLY_REFUNDED' }),
          // A duplicate a second later: both are listed, to the second.
          paymentNotifications: [notification('2026-11-25T02:00:04Z'), notification('2026-11-25T02:00:05Z')],
        }),
      ),
    ]);
    const panel = await screen.findByTestId('order-payment');
    expect(within(panel).getByText('付款資訊')).toBeTruthy();
    expect(within(panel).getByTestId('payment-gateway').textContent).toBe('TapPay');
    expect(within(panel).getByTestId('payment-transaction-id').textContent).toBe('D20261125ABCDEF');
    expect(within(panel).getByTestId('payment-transaction-copy').getAttribute('aria-label')).toBe('複製交易編號');
    expect(within(panel).getByTestId('payment-3ds').textContent).toBe('已通過 3-D 驗證');
    expect(within(panel).getByTestId('payment-card').textContent).toBe('VISA •••• 4242');
    expect(within(panel).getByTestId('payment-bank-result').textContent).toBe('0 (Success)');
    expect(within(panel).getByTestId('payment-amount').textContent).toBe('NT$1,600');
    expect(within(panel).getByTestId('payment-refunded').textContent).toBe('NT$300');
    expect(within(panel).getByTestId('payment-status').textContent).toBe('部分退款');
    const received = within(panel).getAllByTestId('payment-notification');
    expect(received).toHaveLength(2);
    // Taipei time with seconds (02:00:04Z is 10:00:04 in Taipei).
    expect(received[0]!.textContent).toContain('10:00:04');
    expect(received[1]!.textContent).toContain('10:00:05');
    expect(received[0]!.textContent).toContain('D20261125ABCDEF');
    expect(screen.queryByTestId('payment-late-refund')).toBeNull();
    expect(screen.queryByTestId('payment-pending')).toBeNull();
  });

  it('P5: money that arrived after the hold expired is flagged as refunded automatically, with the reference', async () => {
    renderPage([
      detail(
        makeOrder({
          status: 'EXPIRED',
          paidAt: null,
          lines: [],
          payment: payment({ gateway: 'simulator', threeDomainSecure: false, cardBrand: null, cardLastFour: null, bankResult: null, refundedAmount: 1600, status: 'REFUNDED', lateRefundReference: 'RF-SIM-0001' }),
          paymentNotifications: [notification('2026-11-25T02:20:00Z')],
        }),
      ),
    ]);
    const alert = await screen.findByTestId('payment-late-refund');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('款項在訂單逾期後才入帳，已自動退款');
    expect(within(alert).getByTestId('payment-late-refund-reference').textContent).toBe('RF-SIM-0001');
    const panel = screen.getByTestId('order-payment');
    expect(within(panel).getByTestId('payment-gateway').textContent).toBe('模擬金流');
    expect(within(panel).getByTestId('payment-3ds').textContent).toBe('未使用 3-D 驗證');
    expect(within(panel).getByTestId('payment-card').textContent).toBe('—');
    expect(within(panel).getByTestId('payment-status').textContent).toBe('已全額退款');
  });

  it('P3: a PENDING_PAYMENT order says it waits for the shopper\'s 3-D Secure step; no notification yet is said too', async () => {
    renderPage([detail(makeOrder({ status: 'PENDING_PAYMENT', paidAt: null, lines: [], payment: null, paymentNotifications: [] }))]);
    expect((await screen.findByTestId('payment-pending')).textContent).toContain('等待顧客完成 3-D 驗證');
    expect(screen.getByTestId('payment-none').textContent).toBe('尚未完成付款。');
    expect(screen.getByTestId('payment-notifications-empty').textContent).toBe('尚未收到金流通知');
    expect(screen.getByTestId('order-status').getAttribute('data-status')).toBe('PENDING_PAYMENT');
  });
});
