import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../app/AppRoutes';
import type { CheckoutCompleteInput } from '../../../gql/graphql';
import { addToCarts } from '../../../shared/cart';
import { cartDiscountsMock, cartLine, checkoutProductMock, concert, giftBox, memoryCartStore, orderDetailMock, paidTicketOrder, shopper, TERMS } from '../../../test/fixtures';
import { CheckoutCompleteDocument, CheckoutViewerDocument } from '../api/checkout';

const accountPhoneMock = (phone: string | null) => ({
  request: { query: CheckoutViewerDocument },
  result: { data: { viewer: { __typename: 'Viewer', id: shopper.id, phone } } },
});

type Answer = { errors: { code: string; message: string; field?: string | null }[]; order?: { id: string; number: string; status: string; total: number } | null };

/** checkoutComplete answered from `answers` in turn; every input sent is kept in `inputs`. */
function checkoutMock(answers: Answer[]) {
  const inputs: CheckoutCompleteInput[] = [];
  const mock = {
    request: { query: CheckoutCompleteDocument, variables: () => true },
    maxUsageCount: Math.max(1, answers.length),
    result: (variables: Record<string, unknown>) => {
      inputs.push(variables.input as CheckoutCompleteInput);
      const answer = answers[inputs.length - 1]!;
      return {
        data: {
          checkoutComplete: {
            __typename: 'CheckoutCompletePayload',
            order: answer.order ? { __typename: 'Order', ...answer.order } : null,
            errors: answer.errors.map((e) => ({ __typename: 'CheckoutCompleteError', field: null, ...e })),
          },
        },
      };
    },
  };
  return { mock, inputs };
}

function renderCheckout(kind: 'ticket' | 'goods', answers: Answer[], extraMocks: unknown[] = []) {
  const store = memoryCartStore();
  store.update((c) => addToCarts(c, kind === 'ticket' ? [cartLine(concert, 0, 2), cartLine(concert, 1, 1)] : [cartLine(giftBox, 0, 1)]).carts);
  const { mock, inputs } = checkoutMock(answers);
  render(
    <TestProviders route={`/checkout/${kind}`} viewer={shopper} mocks={[checkoutProductMock(kind === 'ticket' ? concert : giftBox), cartDiscountsMock(), mock, ...(extraMocks as [])]}>
      <AppRoutes cartStore={store} />
    </TestProviders>,
  );
  return { store, inputs };
}

const input = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });

async function fillForm(cardNumber = '4242 4242 4242 4242') {
  await screen.findByTestId('checkout-submit');
  type('recipientPhone', '0912345678');
  type('cardNumber', cardNumber);
  type('cardExpiry', '12/30');
  type('cardCvc', '123');
  type('cardName', 'CHEN HSIAO MEI');
}

const submit = () => fireEvent.click(screen.getByTestId('checkout-submit'));

describe('checkout', () => {
  it("K2: the terms are shown, the box starts unticked, and without it the server's TERMS_NOT_ACCEPTED message appears", async () => {
    const { inputs } = renderCheckout('ticket', [{ errors: [{ code: 'TERMS_NOT_ACCEPTED', message: '請閱讀並同意電子票券注意事項', field: 'acceptTicketTerms' }] }]);
    await fillForm();
    expect((await screen.findByTestId('ticket-terms')).textContent).toContain(TERMS.split('\n')[0]);
    expect(input('acceptTicketTerms').checked).toBe(false);
    expect(input('recipientName').value).toBe('陳小美');
    submit();
    expect((await screen.findByTestId('form-error')).textContent).toContain('請閱讀並同意電子票券注意事項');
    expect(inputs[0]).toMatchObject({
      acceptTicketTerms: false,
      lines: [
        { variantId: 'v-early', quantity: 2 },
        { variantId: 'v-full', quantity: 1 },
      ],
      recipient: { name: '陳小美', phone: '0912345678' },
      // K4 and P1: one credit-card payment, and a token, never the card number.
      payment: { method: 'CREDIT_CARD', installments: 1, cardToken: 'tok_approve' },
    });
    expect(JSON.stringify(inputs[0])).not.toContain('4242');
  });

  it('K4: tickets are paid by credit card in one payment (no other choice); no shipping line (K3)', async () => {
    renderCheckout('ticket', []);
    expect((await screen.findByTestId('payment-ticket')).textContent).toContain('信用卡一次付清');
    expect(screen.queryByLabelText('貨到付款')).toBeNull();
    await screen.findByTestId('cart-total');
    expect(screen.queryByTestId('cart-shipping')).toBeNull();
    expect(screen.getByTestId('cart-total').textContent).toBe('NT$2,800');
  });

  it('stops a bad card number in the form: Luhn-invalid, or not a test card', async () => {
    const { inputs } = renderCheckout('ticket', []);
    await fillForm('4242 4242 4242 4241');
    submit();
    expect(await screen.findByText('卡號不正確')).toBeTruthy();
    type('cardNumber', '5555 5555 5555 4444');
    submit();
    expect(await screen.findByText('測試模式僅接受測試卡號')).toBeTruthy();
    expect(inputs).toHaveLength(0);
    expect(screen.queryByTestId('form-error')).toBeNull();
  });

  it('P2: a retry after PAYMENT_ERROR reuses the idempotency key; after a decline the next try gets a fresh one; success clears the cart', async () => {
    const { inputs, store } = renderCheckout(
      'ticket',
      [
        { errors: [{ code: 'PAYMENT_DECLINED', message: '信用卡交易被拒絕' }], order: { id: 'o0', number: 'T0', status: 'PAYMENT_FAILED', total: 2800 } },
        { errors: [{ code: 'PAYMENT_ERROR', message: '付款服務暫時無法使用' }], order: { id: 'o1', number: paidTicketOrder.number, status: 'PENDING_PAYMENT', total: 2800 } },
        { errors: [], order: { id: 'o1', number: paidTicketOrder.number, status: 'PAID', total: 2800 } },
      ],
      [orderDetailMock()],
    );
    await fillForm('4000 0000 0000 0002');
    fireEvent.click(input('acceptTicketTerms'));
    submit();
    expect((await screen.findByTestId('form-error')).textContent).toContain('信用卡交易被拒絕');

    type('cardNumber', '4000 0000 0000 0119');
    submit();
    await waitFor(() => expect(screen.getByTestId('form-error').textContent).toContain('付款服務暫時無法使用'));
    expect(screen.getByTestId('form-error').textContent).toContain('不會重複扣款');

    type('cardNumber', '4242 4242 4242 4242');
    submit();
    expect((await screen.findByTestId('order-number')).textContent).toBe(paidTicketOrder.number);

    expect(inputs.map((i) => i.payment.cardToken)).toEqual(['tok_decline', 'tok_error', 'tok_approve']);
    expect(inputs[1]!.idempotencyKey).not.toBe(inputs[0]!.idempotencyKey);
    expect(inputs[2]!.idempotencyKey).toBe(inputs[1]!.idempotencyKey);
    expect(store.getSnapshot().TICKET).toEqual([]);
    expect(screen.getByTestId('cart-badge').textContent).toBe('0');
  });

  it('B8: after PAYMENT_ERROR a changed recipient goes with a fresh key (the old one is bound to the old input); IDEMPOTENCY_KEY_REUSED explains and renews the key', async () => {
    const { inputs } = renderCheckout('ticket', [
      { errors: [{ code: 'PAYMENT_ERROR', message: '付款服務暫時無法使用' }], order: { id: 'o1', number: 'T1', status: 'PENDING_PAYMENT', total: 2800 } },
      { errors: [{ code: 'IDEMPOTENCY_KEY_REUSED', message: '此交易識別碼已用於內容不同的結帳' }] },
      { errors: [{ code: 'PAYMENT_ERROR', message: '付款服務暫時無法使用' }], order: { id: 'o2', number: 'T2', status: 'PENDING_PAYMENT', total: 2800 } },
    ]);
    await fillForm('4000 0000 0000 0119');
    fireEvent.click(input('acceptTicketTerms'));
    submit();
    await waitFor(() => expect(screen.getByTestId('form-error').textContent).toContain('付款服務暫時無法使用'));
    type('recipientName', '陳大美');
    submit();
    expect((await screen.findByTestId('form-error')).textContent).toContain('這次沒有建立訂單');
    submit();
    await waitFor(() => expect(inputs).toHaveLength(3));
    expect(inputs[1]!.idempotencyKey).not.toBe(inputs[0]!.idempotencyKey);
    expect(inputs[2]!.idempotencyKey).not.toBe(inputs[1]!.idempotencyKey);
    expect(inputs[2]!.recipient.name).toBe('陳大美');
  });

  it('goods: shipping fee line, and cash on delivery sends no card', async () => {
    const { inputs } = renderCheckout('goods', [{ errors: [], order: { id: 'o9', number: 'G1', status: 'PENDING_PAYMENT', total: 530 } }]);
    await screen.findByTestId('checkout-submit');
    expect((await screen.findByTestId('cart-shipping')).textContent).toBe('NT$80');
    expect(screen.queryByTestId('ticket-terms')).toBeNull();
    fireEvent.click(screen.getByLabelText('貨到付款'));
    expect(input('cardNumber')).toBeNull();
    type('recipientPhone', '0912345678');
    submit();
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toMatchObject({ acceptTicketTerms: null, payment: { method: 'CASH_ON_DELIVERY', installments: null, cardToken: null } });
  });

  it("K7: the recipient phone is prefilled with the account's phone", async () => {
    localStorage.setItem('ticket.shop.recipientPhone', '0955000111');
    renderCheckout('ticket', [], [accountPhoneMock('0912345678')]);
    await screen.findByTestId('checkout-submit');
    await waitFor(() => expect(input('recipientPhone').value).toBe('0912345678'));
  });

  it('K7: without a phone on the account, the phone used last time is filled in', async () => {
    localStorage.setItem('ticket.shop.recipientPhone', '0955000111');
    renderCheckout('ticket', [], [accountPhoneMock(null)]);
    await screen.findByTestId('checkout-submit');
    expect(input('recipientPhone').value).toBe('0955000111');
  });

  it('K6: checking out needs sign-in: a signed-out shopper is sent to the login page', async () => {
    render(
      <TestProviders route="/checkout/ticket" viewer={null}>
        <AppRoutes cartStore={memoryCartStore()} />
      </TestProviders>,
    );
    expect(await screen.findByTestId('login-submit')).toBeTruthy();
  });
});
