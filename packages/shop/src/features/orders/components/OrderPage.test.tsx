import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '@ticket/ui';
import { TestProviders } from '@ticket/ui/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../app/AppRoutes';
import { rememberAwaitingPayment, type CartStore } from '../../../shared/cart';
import {
  cartDiscountsMock,
  cartLine,
  checkoutProductMock,
  concert,
  memoryCartStore,
  orderDetailMock,
  orderMessage,
  paidTicketOrder,
  pendingCardOrder,
  shopper,
  splitCodes,
  splitTicketOrder,
  ticketCode,
  type OrderFixture,
} from '../../../test/fixtures';
import { OrderDetailDocument, OrderMessageCreateDocument, TicketCodeSplitDocument } from '../api/orders';

function renderOrder(mocks: unknown[] = [orderDetailMock()], store: CartStore = memoryCartStore()) {
  render(
    <TestProviders route={`/account/orders/${paidTicketOrder.id}`} viewer={shopper} mocks={mocks as []}>
      <AppRoutes cartStore={store} />
    </TestProviders>,
  );
  return store;
}

const card = (code: string) => screen.getAllByTestId('ticket-code-card').find((c) => within(c).getByTestId('ticket-code').getAttribute('data-code') === code)!;

/** An order whose one line holds the given codes. */
const withCodes = (codes: ReturnType<typeof ticketCode>[], over: Partial<OrderFixture> = {}): OrderFixture => ({
  ...paidTicketOrder,
  lines: [{ ...paidTicketOrder.lines[0]!, codes }],
  ...over,
});

const splitMock = (children: string[], errors: { code: string; message: string }[] = []) => ({
  request: { query: TicketCodeSplitDocument, variables: { input: { code: 'K7M2QX9PWD' } } },
  result: {
    data: {
      ticketCodeSplit: {
        __typename: 'TicketCodeSplitPayload',
        ticketCode: errors.length ? null : { __typename: 'TicketCode', code: 'K7M2QX9PWD', status: 'SPLIT' },
        children: children.map((c) => {
          const { parent: _parent, redeemedQuantity: _r, refundedQuantity: _f, validFrom: _vf, validUntil: _vu, ...child } = ticketCode(c, 1);
          return child;
        }),
        errors: errors.map((e) => ({ __typename: 'TicketCodeSplitError', ...e })),
      },
    },
  },
});

afterEach(async () => {
  if (i18n.language !== 'zh-TW') await act(() => i18n.changeLanguage('zh-TW'));
});

describe('order page (電子票券訂單查詢)', () => {
  it('T3: shows each code with its quantities: total, redeemed, refunded, remaining', async () => {
    renderOrder();
    expect((await screen.findByTestId('order-number')).textContent).toBe(paidTicketOrder.number);
    expect(screen.getAllByTestId('ticket-code').map((c) => c.textContent)).toEqual(['K7M2QX9PWD', 'R4TNB8HZ3C']);
    const active = card('K7M2QX9PWD');
    expect(['code-quantity', 'code-redeemed', 'code-refunded', 'code-remaining'].map((id) => within(active).getByTestId(id).textContent)).toEqual(['10', '3', '0', '7']);
    expect(within(active).getByText('剩餘')).toBeTruthy();
    // F7: a refunded code is void: no QR to show.
    const refunded = card('R4TNB8HZ3C');
    expect(within(refunded).getByTestId('code-status').textContent).toBe('已退款');
    expect(within(refunded).queryByTestId('show-qr')).toBeNull();
  });

  it('T3: "顯示票券 QR code" opens the QR of the code (a PNG of its qrUrl) with the code under it', async () => {
    renderOrder();
    await screen.findByTestId('order-number');
    fireEvent.click(within(card('K7M2QX9PWD')).getByTestId('show-qr'));
    const modal = await screen.findByTestId('qr-modal');
    expect(within(modal).getByTestId('qr-code-text').textContent).toBe('K7M2QX9PWD');
    const img = await within(modal).findByTestId('qr-image', {}, { timeout: 5000 });
    expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  });
});

describe('分票 (split)', () => {
  it('X1: only an active code of its own with 2 or more remaining gets 分票', async () => {
    const order = withCodes([
      ticketCode('AAAAAAAAA2', 2),
      ticketCode('BBBBBBBBB1', 5, { redeemedQuantity: 4, remainingQuantity: 1 }),
      ticketCode('CCCCCCCCC0', 3, { redeemedQuantity: 3, remainingQuantity: 0, status: 'FULLY_REDEEMED' }),
      ticketCode('DDDDDDDDDR', 4, { refundedQuantity: 4, remainingQuantity: 0, status: 'REFUNDED' }),
      ticketCode('EEEEEEEEES', 3, { remainingQuantity: 0, status: 'SPLIT' }),
      ticketCode('EEEEEEEEESCHILD0000000001', 1, { parent: { __typename: 'TicketCode', code: 'EEEEEEEEES' } }),
      ticketCode('EEEEEEEEESCHILD0000000002', 1, { parent: { __typename: 'TicketCode', code: 'EEEEEEEEES' } }),
    ]);
    renderOrder([orderDetailMock(order)]);
    await screen.findByTestId('order-number');
    const withButton = screen.getAllByTestId('ticket-code-card').filter((c) => within(c).queryByTestId('split-code'));
    expect(withButton.map((c) => within(c).getByTestId('ticket-code').textContent)).toEqual(['AAAAAAAAA2']);
    // Split codes are listed under their original, never as codes of their own, and are not splittable.
    const children = within(screen.getByTestId('split-children')).getAllByTestId('split-child');
    expect(children.map((c) => c.getAttribute('data-code'))).toEqual(['EEEEEEEEESCHILD0000000001', 'EEEEEEEEESCHILD0000000002']);
    expect(screen.queryAllByTestId('split-code')).toHaveLength(1);
  });

  it('X2: the dialog says it is irreversible, N codes of one ticket, bearer tickets and buyer-only refunds (zh-TW)', async () => {
    renderOrder();
    await screen.findByTestId('order-number');
    fireEvent.click(within(card('K7M2QX9PWD')).getByTestId('split-code'));
    const dialog = await screen.findByTestId('split-dialog');
    const text = dialog.textContent!;
    expect(text).toContain('無法復原');
    expect(text).toContain('剩餘的 7 張票券會變成 7 組核銷碼，每組 1 張');
    expect(text).toContain('持有者即可使用');
    expect(text).toContain('只有購買人（您）可以申請退款，分票後的核銷碼也一樣');
    expect(within(dialog).getByTestId('split-confirm').textContent).toBe('確認分票');
    // Cancel closes it and splits nothing.
    fireEvent.click(within(dialog).getByTestId('split-cancel'));
    await waitFor(() => expect(screen.queryByTestId('split-dialog')).toBeNull());
  });

  it('X2: the same explanation in English', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderOrder();
    await screen.findByTestId('order-number');
    fireEvent.click(within(card('K7M2QX9PWD')).getByTestId('split-code'));
    const text = (await screen.findByTestId('split-dialog')).textContent!;
    expect(text).toContain('cannot be undone');
    expect(text).toContain('The remaining 7 tickets become 7 separate codes of one ticket each');
    expect(text).toContain('whoever holds it can use it');
    expect(text).toContain('Only the buyer (you) can ask for a refund, split codes included');
  });

  it('X1: confirming shows the new codes as QR cards, one at a time with buttons and arrow keys; the page then groups them under the original', async () => {
    renderOrder([orderDetailMock(paidTicketOrder, 1), splitMock(splitCodes), orderDetailMock(splitTicketOrder)]);
    await screen.findByTestId('order-number');
    fireEvent.click(within(card('K7M2QX9PWD')).getByTestId('split-code'));
    fireEvent.click(await screen.findByTestId('split-confirm'));

    const cards = await screen.findByTestId('split-cards');
    const slides = within(cards).getAllByTestId('split-card');
    expect(slides.map((s) => s.getAttribute('data-code'))).toEqual(splitCodes);
    expect(within(slides[0]!).getByTestId('split-card-code').textContent).toBe(splitCodes[0]);
    expect(splitCodes[0]).toHaveLength(25);
    expect(slides[0]!.textContent).toContain('1 張');
    expect(within(slides[0]!).getByTestId('code-status').textContent).toBe('可使用');
    expect((await within(slides[0]!).findByTestId('split-card-qr', {}, { timeout: 5000 })).getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    const position = within(cards).getByTestId('split-position');
    expect(position.textContent).toBe('1 / 7');
    expect((within(cards).getByTestId('split-prev') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(cards).getByTestId('split-next'));
    expect(position.textContent).toBe('2 / 7');
    const track = within(cards).getByTestId('split-cards-track');
    fireEvent.keyDown(track, { key: 'ArrowRight' });
    expect(position.textContent).toBe('3 / 7');
    fireEvent.keyDown(track, { key: 'End' });
    expect(position.textContent).toBe('7 / 7');
    expect((within(cards).getByTestId('split-next') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(track, { key: 'ArrowLeft' });
    expect(position.textContent).toBe('6 / 7');

    fireEvent.click(screen.getByTestId('split-finish'));
    await waitFor(() => expect(screen.queryByTestId('split-cards')).toBeNull());

    // The original shows 已分票 with what was redeemed before; each split code has its own QR button.
    const original = card('K7M2QX9PWD');
    expect(within(original).getByTestId('code-status').textContent).toBe('已分票');
    expect(within(original).getByTestId('code-redeemed').textContent).toBe('3');
    expect(within(original).queryByTestId('split-code')).toBeNull();
    const group = screen.getAllByTestId('code-group').find((g) => g.getAttribute('data-code') === 'K7M2QX9PWD')!;
    const children = within(group).getAllByTestId('split-child');
    expect(children).toHaveLength(7);
    expect(within(group).getByTestId('split-children').textContent).toContain('分票後的核銷碼（7 組，每組 1 張）');
    expect(within(group).getByTestId('split-children-redeemed').textContent).toBe('已核銷 1 組，共 7 組');
    // The first was redeemed already: no QR; the others each open their own.
    expect(within(children[0]!).queryByTestId('show-qr')).toBeNull();
    expect(within(children[0]!).getByTestId('code-status').textContent).toBe('已核銷完畢');
    fireEvent.click(within(children[1]!).getByTestId('show-qr'));
    expect(within(await screen.findByTestId('qr-modal')).getByTestId('qr-code-text').textContent).toBe(splitCodes[1]);
    fireEvent.keyDown(screen.getByTestId('qr-modal'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('qr-modal')).toBeNull());

    // Seen again as cards, they start at the first code still usable (the first was redeemed).
    fireEvent.click(within(group).getByTestId('split-view-cards'));
    expect(within(await screen.findByTestId('split-cards')).getByTestId('split-position').textContent).toBe('2 / 7');
  });

  it('X1: a refusal is shown in the dialog and the order is read again', async () => {
    renderOrder([orderDetailMock(paidTicketOrder, 1), splitMock([], [{ code: 'NOTHING_TO_SPLIT', message: '剩餘數量需至少 2 張才能分票' }]), orderDetailMock(paidTicketOrder)]);
    await screen.findByTestId('order-number');
    fireEvent.click(within(card('K7M2QX9PWD')).getByTestId('split-code'));
    fireEvent.click(await screen.findByTestId('split-confirm'));
    expect((await within(screen.getByTestId('split-dialog')).findByTestId('form-error')).textContent).toContain('剩餘數量需至少 2 張才能分票');
    expect(screen.queryByTestId('split-cards')).toBeNull();
  });
});

describe('詢問紀錄 (inquiries)', () => {
  const messages = [
    orderMessage('m1', '請問可以退款嗎？\n核銷碼 K7M2QX9PWD', false, '2026-11-26T04:30:00.000Z'),
    orderMessage('m2', '可以，已為您處理。', true, '2026-11-26T16:05:00.000Z'),
  ];

  const createMock = (body: string, answer: { message?: ReturnType<typeof orderMessage>; errors?: { code: string; message: string; field?: string | null }[] }) => ({
    request: { query: OrderMessageCreateDocument, variables: { input: { orderId: paidTicketOrder.id, body } } },
    result: {
      data: {
        orderMessageCreate: {
          __typename: 'OrderMessageCreatePayload',
          message: answer.message ?? null,
          errors: (answer.errors ?? []).map((e) => ({ __typename: 'OrderMessageCreateError', field: null, ...e })),
        },
      },
    },
  });

  it('F1: the thread shows buyer messages and store replies apart, with the time in Asia/Taipei, and the refund hint', async () => {
    renderOrder([orderDetailMock({ ...paidTicketOrder, messages })]);
    const shown = await screen.findAllByTestId('order-message');
    expect(shown.map((m) => m.getAttribute('data-from'))).toEqual(['buyer', 'staff']);
    expect(shown[0]!.textContent).toContain('請問可以退款嗎？');
    expect(shown[1]!.textContent).toContain('店家回覆');
    // 04:30Z and 16:05Z are 12:30 and, the next day, 00:05 in Taipei.
    expect(shown[0]!.querySelector('time')!.textContent).toMatch(/^2026\/11\/26\s12:30$/);
    expect(shown[1]!.querySelector('time')!.textContent).toMatch(/^2026\/11\/27\s00:05$/);
    expect(screen.getByTestId('refund-hint').textContent).toContain('申請退款請於此留言');
  });

  it('F1: writing a message adds it to the thread and clears the field; an empty one is not sent', async () => {
    const sent = orderMessage('m9', '我想申請退款', false, '2026-11-27T01:00:00.000Z');
    renderOrder([orderDetailMock(), createMock('我想申請退款', { message: sent })]);
    expect((await screen.findByTestId('messages-empty')).textContent).toContain('尚無詢問紀錄');
    fireEvent.click(screen.getByTestId('message-submit'));
    expect(await screen.findByText('此欄位必填')).toBeTruthy();

    const field = document.querySelector<HTMLTextAreaElement>('textarea[name="body"]')!;
    fireEvent.change(field, { target: { value: '我想申請退款' } });
    fireEvent.click(screen.getByTestId('message-submit'));
    const shown = await screen.findByTestId('order-message');
    expect(shown.textContent).toContain('我想申請退款');
    expect(shown.getAttribute('data-from')).toBe('buyer');
    expect(field.value).toBe('');
    expect(screen.getByTestId('message-sent')).toBeTruthy();
  });

  it("F1: INVALID_INPUT (out of the input's bounds) shows the server's message and marks the field it names", async () => {
    renderOrder([orderDetailMock(), createMock('x', { errors: [{ code: 'INVALID_INPUT', message: '「body」最多 2000 個字', field: 'body' }] })]);
    await screen.findByTestId('messages-empty');
    const field = document.querySelector<HTMLTextAreaElement>('textarea[name="body"]')!;
    fireEvent.change(field, { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('message-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('「body」最多 2000 個字');
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it("F1: the server's refusal appears in form-error and the text stays", async () => {
    renderOrder([orderDetailMock(), createMock('x', { errors: [{ code: 'BODY_TOO_LONG', message: '訊息最多 2000 字' }] })]);
    await screen.findByTestId('messages-empty');
    const field = document.querySelector<HTMLTextAreaElement>('textarea[name="body"]')!;
    fireEvent.change(field, { target: { value: 'x' } });
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('form-error')).textContent).toContain('訊息最多 2000 字');
    expect(field.value).toBe('x');
  });
});

describe('after the bank (3-D Secure): waiting, then the result (P3, P4, P5)', () => {
  /** The order as the server answers it, one answer per read in turn (the last one repeats); `reads` counts them. */
  function orderAnswers(answers: OrderFixture[]) {
    const reads = { count: 0 };
    const mock = {
      request: { query: OrderDetailDocument, variables: { id: paidTicketOrder.id } },
      maxUsageCount: 100,
      result: () => {
        const order = answers[Math.min(reads.count, answers.length - 1)]!;
        reads.count++;
        return { data: { order } };
      },
    };
    return { mock, reads };
  }

  const paidWith3ds: OrderFixture = {
    ...paidTicketOrder,
    payment: { ...paidTicketOrder.payment!, cardLastFour: '3220', threeDomainSecure: true },
  };

  it('P3: while the bank confirms, a clear waiting state that reads the order every 2 s, then the codes once PAID (and no more reads)', async () => {
    const { mock, reads } = orderAnswers([pendingCardOrder, pendingCardOrder, paidWith3ds]);
    renderOrder([mock]);
    const waiting = await screen.findByTestId('payment-waiting');
    expect(waiting.getAttribute('role')).toBe('status');
    expect(waiting.textContent).toContain('付款確認中…');
    expect(waiting.textContent).toContain('此頁面會自動更新');
    expect(screen.getByTestId('order-status').textContent).toBe('待付款');
    expect(screen.getByTestId('no-codes').textContent).toContain('付款完成後會產生核銷碼');
    expect(screen.queryByTestId('ticket-code')).toBeNull();

    // Two polls later (2 s apart) the order is paid: the codes, the card, and a sentence saying so.
    expect((await screen.findByTestId('order-paid-now', {}, { timeout: 6000 })).textContent).toContain('付款完成');
    expect(screen.queryByTestId('payment-waiting')).toBeNull();
    expect(screen.getByTestId('order-status').textContent).toBe('已付款');
    expect(screen.getAllByTestId('ticket-code').map((c) => c.textContent)).toEqual(['K7M2QX9PWD', 'R4TNB8HZ3C']);
    expect(screen.getByTestId('payment-card').textContent).toBe(' VISA •••• 3220');
    expect(reads.count).toBe(3);
    // Polling stopped with the status change.
    await new Promise((r) => setTimeout(r, 2600));
    expect(reads.count).toBe(3);
  }, 15_000);

  it('P3: the waiting state in English', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderOrder([orderDetailMock(pendingCardOrder)]);
    const waiting = await screen.findByTestId('payment-waiting');
    expect(waiting.textContent).toContain('Confirming your payment…');
    expect(waiting.textContent).toContain('This page updates by itself');
  });

  it('P2/P3: PAYMENT_FAILED says 付款未成功 (nothing charged, tickets released) and "back to cart" puts the lines back', async () => {
    rememberAwaitingPayment(paidTicketOrder.id, 'TICKET', [cartLine(concert, 0, 2), cartLine(concert, 1, 1)]);
    const failed: OrderFixture = { ...pendingCardOrder, status: 'PAYMENT_FAILED' };
    const store = renderOrder([orderDetailMock(failed), cartDiscountsMock(), checkoutProductMock(concert)]);
    const alert = await screen.findByTestId('payment-failed');
    expect(alert.textContent).toContain('付款未成功');
    expect(alert.textContent).toContain('沒有扣款');
    expect(screen.queryByTestId('payment-waiting')).toBeNull();
    fireEvent.click(within(alert).getByTestId('back-to-cart'));
    await waitFor(() => expect(store.getSnapshot().TICKET.map((l) => [l.variantId, l.quantity])).toEqual([
      ['v-early', 2],
      ['v-full', 1],
    ]));
    // On the cart page, ready to check out again.
    expect((await screen.findAllByTestId('cart-line')).map((l) => l.getAttribute('data-variant-id'))).toEqual(['v-early', 'v-full']);
  });

  it('K5: EXPIRED says 訂單已逾時 and that the tickets were released', async () => {
    renderOrder([orderDetailMock({ ...pendingCardOrder, status: 'EXPIRED' })]);
    const alert = await screen.findByTestId('order-expired');
    expect(alert.textContent).toContain('訂單已逾時');
    expect(alert.textContent).toContain('已釋出');
    expect(screen.queryByTestId('late-payment-refund')).toBeNull();
  });

  it('P5: a payment that arrived after the order expired is said to be refunded automatically', async () => {
    const late: OrderFixture = {
      ...pendingCardOrder,
      status: 'EXPIRED',
      payment: { ...paidTicketOrder.payment!, cardLastFour: '3220', status: 'VOIDED', lateRefundReference: 'void:ch_123' },
    };
    renderOrder([orderDetailMock(late)]);
    const note = await screen.findByTestId('late-payment-refund');
    expect(note.textContent).toContain('逾時後才送達');
    expect(note.textContent).toContain('自動全額退回');
    expect(note.textContent).toContain('void:ch_123');
    expect(screen.getByTestId('payment-card').textContent).toContain('VISA •••• 3220');
  });
});

describe('order status and refund', () => {
  it('F3/F7: a partial refund shows its amount and codes; the refunded code is greyed with 已退款, the others still work', async () => {
    const order = {
      ...paidTicketOrder,
      status: 'PARTIALLY_REFUNDED',
      refund: {
        __typename: 'Refund',
        id: 'r1',
        amount: 1200,
        kind: 'PARTIAL',
        createdAt: '2026-11-27T02:00:00.000Z',
        codes: [{ __typename: 'RefundCode', code: 'R4TNB8HZ3C', quantity: 1, amount: 1200 }],
      },
    };
    renderOrder([orderDetailMock(order)]);
    expect((await screen.findByTestId('order-status')).textContent).toBe('部分退款');
    expect(screen.getByTestId('order-status-note').textContent).toContain('其餘核銷碼仍可使用');
    const summary = screen.getByTestId('refund-summary');
    expect(within(summary).getByTestId('refund-amount').textContent).toBe('NT$1,200');
    expect(within(summary).getByTestId('refund-kind').textContent).toBe('部分退款');
    expect(within(summary).getAllByTestId('refund-code').map((c) => c.getAttribute('data-code'))).toEqual(['R4TNB8HZ3C']);
    const refunded = card('R4TNB8HZ3C');
    expect(refunded.getAttribute('data-status')).toBe('REFUNDED');
    expect(within(refunded).getByTestId('code-refunded').textContent).toBe('1');
    expect(within(card('K7M2QX9PWD')).getByTestId('show-qr')).toBeTruthy();
  });

  it.each([
    ['RETURNING', '退貨中'],
    ['RETURN_REVIEW', '退貨審查'],
    ['CANCELLED', '已取消'],
    ['CLOSED', '已結案'],
  ])('F6: status %s reads %s and says what it means', async (status, label) => {
    renderOrder([orderDetailMock({ ...paidTicketOrder, status })]);
    expect((await screen.findByTestId('order-status')).textContent).toBe(label);
    expect(screen.getByTestId('order-status-note').getAttribute('data-status')).toBe(status);
    expect(screen.queryByTestId('refund-summary')).toBeNull();
  });
});
