import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../../../app/AppRoutes';
import type { CheckoutCompleteInput } from '../../../gql/graphql';
import { addToCarts, awaitingPaymentLines } from '../../../shared/cart';
import {
  cartDiscountsMock,
  cartLine,
  checkoutProductMock,
  concert,
  giftBox,
  memoryCartStore,
  orderDetailMock,
  paidTicketOrder,
  paymentConfigMock,
  pendingCardOrder,
  shopper,
  TERMS,
} from '../../../test/fixtures';
import { CheckoutCompleteDocument, CheckoutViewerDocument } from '../api/checkout';
import { loadTapPaySdk, type TapPayFieldsStatus, type TapPayPrimeResult, type TPDirect } from '../tappay/sdk';

// B6: TapPay's SDK is never fetched in tests; each test says what the loader answers, if it is called.
vi.mock('../tappay/sdk', async (original) => ({ ...(await original<typeof import('../tappay/sdk')>()), loadTapPaySdk: vi.fn() }));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.mocked(loadTapPaySdk).mockReset();
});

const accountPhoneMock = (phone: string | null) => ({
  request: { query: CheckoutViewerDocument },
  result: { data: { viewer: { __typename: 'Viewer', id: shopper.id, phone } } },
});

type Answer = {
  errors: { code: string; message: string; field?: string | null }[];
  order?: { id: string; number: string; status: string; total: number } | null;
  nextAction?: { redirectUrl: string } | null;
};

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
            nextAction: answer.nextAction ? { __typename: 'CheckoutNextAction', ...answer.nextAction } : null,
            errors: answer.errors.map((e) => ({ __typename: 'CheckoutCompleteError', field: null, ...e })),
          },
        },
      };
    },
  };
  return { mock, inputs };
}

function renderCheckout(kind: 'ticket' | 'goods', answers: Answer[], extraMocks: unknown[] = [], gateway: 'simulator' | 'tappay' = 'simulator') {
  const store = memoryCartStore();
  store.update((c) => addToCarts(c, kind === 'ticket' ? [cartLine(concert, 0, 2), cartLine(concert, 1, 1)] : [cartLine(giftBox, 0, 1)]).carts);
  const { mock, inputs } = checkoutMock(answers);
  render(
    <TestProviders
      route={`/checkout/${kind}`}
      viewer={shopper}
      mocks={[checkoutProductMock(kind === 'ticket' ? concert : giftBox), cartDiscountsMock(), paymentConfigMock(gateway), mock, ...(extraMocks as [])]}
    >
      <AppRoutes cartStore={store} />
    </TestProviders>,
  );
  return { store, inputs };
}

const input = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });

async function fillForm(cardNumber = '4242 4242 4242 4242') {
  await screen.findByTestId('checkout-submit');
  await screen.findByTestId('card-form');
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

/** A stand-in for TapPay's TPDirect: fields that are `status` and a prime answered with `prime`. */
function fakeTapPay(status: TapPayFieldsStatus, prime: TapPayPrimeResult): TPDirect {
  return {
    setupSDK: vi.fn(),
    card: {
      setup: vi.fn(),
      onUpdate: vi.fn(),
      getTappayFieldsStatus: vi.fn(() => status),
      getPrime: vi.fn((callback: (result: TapPayPrimeResult) => void) => callback(prime)),
    },
  };
}

const fieldsComplete: TapPayFieldsStatus = { canGetPrime: true, hasError: false, status: { number: 0, expiry: 0, ccv: 0 } };

describe('checkout: 3-D Secure and the card gateway (B6, P3)', () => {
  it('P3: 4000 0000 0000 3220 becomes tok_3ds; the charge needs 3-D Secure, so the page says so and sends the browser to the bank; the cart is kept aside for another try', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const bank = 'http://localhost:3000/payments/simulator/3ds/ch_3ds1';
    const { inputs, store } = renderCheckout('ticket', [{ errors: [], order: { id: 'o3', number: 'T3', status: 'PENDING_PAYMENT', total: 2800 }, nextAction: { redirectUrl: bank } }]);
    await fillForm('4000 0000 0000 3220');
    fireEvent.click(input('acceptTicketTerms'));
    submit();
    const redirecting = await screen.findByTestId('checkout-redirecting');
    expect(redirecting.textContent).toContain('正在前往銀行 3-D 驗證…');
    expect(within(redirecting).getByTestId('checkout-redirect-link').getAttribute('href')).toBe(bank);
    expect(assign).toHaveBeenCalledExactlyOnceWith(bank);
    expect(inputs[0]!.payment.cardToken).toBe('tok_3ds');
    expect(JSON.stringify(inputs[0])).not.toContain('3220');
    // The order holds the stock: the cart is emptied, and its lines kept in case the bank says no.
    expect(store.getSnapshot().TICKET).toEqual([]);
    expect(awaitingPaymentLines('o3')?.map((l) => [l.variantId, l.quantity])).toEqual([
      ['v-early', 2],
      ['v-full', 1],
    ]);
  });

  it('P3: a redirect that is not a web address is not followed: the order page takes over', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    renderCheckout('ticket', [{ errors: [], order: { id: pendingCardOrder.id, number: pendingCardOrder.number, status: 'PENDING_PAYMENT', total: 2800 }, nextAction: { redirectUrl: 'javascript:alert(1)' } }], [
      orderDetailMock(pendingCardOrder),
    ]);
    await fillForm('4000 0000 0000 3220');
    fireEvent.click(input('acceptTicketTerms'));
    submit();
    expect(await screen.findByTestId('payment-waiting')).toBeTruthy();
    expect(assign).not.toHaveBeenCalled();
  });

  it("B6: with the simulator, today's test form is used and TapPay's SDK is never loaded", async () => {
    const { inputs } = renderCheckout('ticket', [{ errors: [], order: { id: 'o1', number: paidTicketOrder.number, status: 'PAID', total: 2800 } }], [orderDetailMock()]);
    await fillForm();
    expect(screen.getByTestId('card-form').textContent).toContain('4000 0000 0000 3220 需經銀行 3-D 驗證');
    fireEvent.click(input('acceptTicketTerms'));
    submit();
    expect((await screen.findByTestId('order-number')).textContent).toBe(paidTicketOrder.number);
    expect(inputs[0]!.payment.cardToken).toBe('tok_approve');
    expect(loadTapPaySdk).not.toHaveBeenCalled();
    expect(screen.queryByTestId('tappay-fields')).toBeNull();
  });

  it("B6: with TapPay, the card is typed into TapPay's hosted fields and only its prime is sent", async () => {
    const tp = fakeTapPay(fieldsComplete, { status: 0, msg: 'Success', card: { prime: 'prime_9f8e7d', lastfour: '4242' } });
    vi.mocked(loadTapPaySdk).mockResolvedValue(tp);
    const { inputs } = renderCheckout('ticket', [{ errors: [], order: { id: 'o1', number: paidTicketOrder.number, status: 'PAID', total: 2800 } }], [orderDetailMock()], 'tappay');
    const fields = await screen.findByTestId('tappay-fields');
    await waitFor(() => expect(fields.getAttribute('data-state')).toBe('ready'));
    // No card field of ours: TapPay's iframes go into these three containers.
    expect(input('cardNumber')).toBeNull();
    expect(screen.queryByTestId('card-form')).toBeNull();
    expect(tp.setupSDK).toHaveBeenCalledWith(11327, 'app_testkey123', 'sandbox');
    const { fields: setup } = vi.mocked(tp.card.setup).mock.calls[0]![0];
    expect([setup.number.element, setup.expirationDate.element, setup.ccv.element]).toEqual([
      screen.getByTestId('tappay-number'),
      screen.getByTestId('tappay-expiry'),
      screen.getByTestId('tappay-ccv'),
    ]);

    type('recipientPhone', '0912345678');
    fireEvent.click(input('acceptTicketTerms'));
    submit();
    expect((await screen.findByTestId('order-number')).textContent).toBe(paidTicketOrder.number);
    expect(inputs[0]!.payment).toEqual({ method: 'CREDIT_CARD', installments: 1, cardToken: 'prime_9f8e7d' });
  });

  it('B6: with TapPay, empty or wrong fields are marked and nothing is sent; a refused prime is explained', async () => {
    const status: TapPayFieldsStatus = { canGetPrime: false, hasError: true, status: { number: 1, expiry: 2, ccv: 0 } };
    const tp = fakeTapPay(status, { status: 88, msg: 'card number invalid' });
    vi.mocked(loadTapPaySdk).mockResolvedValue(tp);
    const { inputs } = renderCheckout('ticket', [], [], 'tappay');
    const fields = await screen.findByTestId('tappay-fields');
    await waitFor(() => expect(fields.getAttribute('data-state')).toBe('ready'));
    type('recipientPhone', '0912345678');
    fireEvent.click(input('acceptTicketTerms'));
    submit();
    expect(await screen.findByText('請輸入信用卡卡號')).toBeTruthy();
    expect(screen.getByText('有效期限不正確或已過期')).toBeTruthy();
    expect(tp.card.getPrime).not.toHaveBeenCalled();

    // The fields now pass, but TapPay refuses to make a prime: said under the fields, nothing ordered.
    vi.mocked(tp.card.getTappayFieldsStatus).mockReturnValue(fieldsComplete);
    submit();
    expect((await screen.findByTestId('tappay-prime-error')).textContent).toContain('card number invalid');
    expect(inputs).toHaveLength(0);
  });

  it("B6: when TapPay's SDK cannot be loaded, the page says so and offers to try again", async () => {
    const tp = fakeTapPay(fieldsComplete, { status: 0, card: { prime: 'prime_1' } });
    vi.mocked(loadTapPaySdk).mockRejectedValueOnce(new Error('offline')).mockResolvedValue(tp);
    renderCheckout('ticket', [], [], 'tappay');
    const failed = await screen.findByTestId('tappay-load-error');
    expect(failed.textContent).toContain('無法載入刷卡欄位');
    fireEvent.click(within(failed).getByRole('button'));
    await waitFor(() => expect(screen.getByTestId('tappay-fields').getAttribute('data-state')).toBe('ready'));
    expect(loadTapPaySdk).toHaveBeenCalledTimes(2);
  });
});
