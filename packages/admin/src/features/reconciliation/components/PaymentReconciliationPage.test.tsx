import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAdminApp } from '../../../test/render';
import { admin } from '../../../test/fixtures';
import { PaymentReconciliationDocument } from '../api/reconciliation';
import { periodOf } from '../lib/period';
import { rangeInstants } from '../lib/paymentReconciliation';
import { PaymentReconciliationPage } from './PaymentReconciliationPage';

// 2026-11-H1 in Taipei: 11/01 00:00 to 11/16 00:00 (+08:00).
const H1 = { from: '2026-10-31T16:00:00.000Z', to: '2026-11-15T16:00:00.000Z' };

const row = (overrides: Record<string, unknown>) => ({
  __typename: 'PaymentReconciliationRow',
  transactionId: 'D0001',
  orderId: 'o1',
  orderNumber: 'T20261102-000001',
  chargedAt: '2026-11-02T03:00:00.000Z',
  gatewayStatus: 'APPROVED',
  gatewayAmount: 1600,
  gatewayRefunded: 0,
  booksStatus: 'SUCCEEDED',
  booksAmount: 1600,
  booksRefunded: 0,
  difference: null,
  ...overrides,
});

const answer = (variables: { from: string; to: string }, rows: object[]) => ({
  request: { query: PaymentReconciliationDocument, variables },
  result: {
    data: {
      paymentReconciliation: { __typename: 'PaymentReconciliation', ...variables, differences: rows.filter((r) => (r as { difference: unknown }).difference).length, rows },
    },
  },
});

function renderPage(route: string, mocks: object[]) {
  return render(
    <TestProviders app="ADMIN" viewer={admin} route={route} mocks={mocks as never}>
      <PaymentReconciliationPage />
    </TestProviders>,
  );
}

describe('金流對帳 (payments reconciliation)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('B6: puts the gateway and the books side by side, flags each difference in words, and counts them at the top', async () => {
    renderPage('/payment-reconciliation?period=2026-11-H1', [
      answer(H1, [
        row({}),
        row({ transactionId: 'D0002', orderId: 'o2', orderNumber: 'T20261103-000002', gatewayAmount: 1500, difference: 'AMOUNT' }),
        // The gateway took money our books do not know of: no order to open.
        row({ transactionId: 'D0003', orderId: null, orderNumber: 'T20261104-000003', booksStatus: null, booksAmount: 0, difference: 'MISSING_IN_BOOKS' }),
        row({ transactionId: 'D0004', orderId: 'o4', orderNumber: 'T20261105-000004', gatewayStatus: null, gatewayAmount: 0, difference: 'MISSING_AT_GATEWAY' }),
        row({ transactionId: 'D0005', orderId: 'o5', orderNumber: 'T20261106-000005', gatewayStatus: 'REFUNDED', gatewayRefunded: 1600, booksRefunded: 0, difference: 'REFUNDED' }),
      ]),
    ]);
    const summary = await screen.findByTestId('payment-recon-summary');
    expect(summary.getAttribute('data-differences')).toBe('4');
    expect(summary.textContent).toContain('4 筆不符');
    expect(within(summary).getByTestId('payment-recon-count').textContent).toBe('共 5 筆交易');

    const rows = screen.getAllByTestId('payment-recon-row');
    expect(rows.map((r) => r.getAttribute('data-difference'))).toEqual(['', 'AMOUNT', 'MISSING_IN_BOOKS', 'MISSING_AT_GATEWAY', 'REFUNDED']);
    // Only the rows that disagree are highlighted, each with its difference in words.
    expect(rows.map((r) => r.getAttribute('aria-invalid'))).toEqual([null, 'true', 'true', 'true', 'true']);
    expect(within(rows[0]!).getByTestId('payment-recon-match').textContent).toBe('相符');
    expect(rows.slice(1).map((r) => within(r).getByTestId('payment-recon-difference').textContent)).toEqual(['金額不符', '帳上無此筆', '金流無此筆', '退款不符']);
    expect(within(rows[1]!).getByTestId('payment-recon-difference-hint').textContent).toBe('金流的扣款金額與帳上的付款金額不同。');

    // Side by side: the gateway's figures, then the books'.
    expect(within(rows[1]!).getByTestId('payment-recon-gateway-amount').textContent).toBe('NT$1,500');
    expect(within(rows[1]!).getByTestId('payment-recon-books-amount').textContent).toBe('NT$1,600');
    expect(within(rows[0]!).getByTestId('payment-recon-gateway-status').textContent).toBe('已扣款');
    expect(within(rows[0]!).getByTestId('payment-recon-books-status').textContent).toBe('付款成功');
    expect(within(rows[2]!).getByTestId('payment-recon-books-status').textContent).toBe('查無此筆');
    expect(within(rows[2]!).getByTestId('payment-recon-books-amount').textContent).toBe('—');
    expect(within(rows[3]!).getByTestId('payment-recon-gateway-status').textContent).toBe('查無此筆');
    expect(within(rows[4]!).getByTestId('payment-recon-gateway-refunded').textContent).toBe('NT$1,600');

    // The order number opens the order; without an order in our books it is plain text.
    expect(within(rows[0]!).getByTestId('payment-recon-order').getAttribute('href')).toBe('/orders/o1');
    expect(within(rows[2]!).getByTestId('payment-recon-order').tagName).not.toBe('A');
    expect(within(rows[2]!).getByTestId('payment-recon-order').textContent).toBe('T20261104-000003');

    // The CSV export covers the same instants, with the session.
    const download = screen.getByTestId('payment-recon-download');
    expect(download.getAttribute('href')).toBe(`/exports/payments.csv?from=${encodeURIComponent(H1.from)}&to=${encodeURIComponent(H1.to)}`);
    expect(download.hasAttribute('download')).toBe(true);
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(new Response('{"error":"FORBIDDEN"}', { status: 403 }));
    fireEvent.click(download);
    expect((await screen.findByTestId('payment-recon-download-error')).textContent).toContain('權限');
    expect(fetchMock).toHaveBeenCalledWith(download.getAttribute('href'), { method: 'HEAD', credentials: 'same-origin' });
  });

  it('says so when the period has no charge on either side', async () => {
    renderPage('/payment-reconciliation?period=2026-11-H1', [answer(H1, [])]);
    const empty = await screen.findByTestId('payment-recon-empty');
    expect(empty.textContent).toContain('2026 年 11 月上半月（1–15 日）沒有金流交易');
    expect(screen.queryByTestId('payment-recon-summary')).toBeNull();
    expect(screen.queryByTestId('payment-recon-row')).toBeNull();
  });

  it('all rows agreeing says so; stepping to the previous period asks for it', async () => {
    const H2 = { from: '2026-10-15T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' };
    renderPage('/payment-reconciliation?period=2026-11-H1', [answer(H1, [row({})]), answer(H2, [])]);
    const summary = await screen.findByTestId('payment-recon-summary');
    expect(summary.getAttribute('data-differences')).toBe('0');
    expect(summary.textContent).toContain('金流與帳上全部相符');
    fireEvent.click(screen.getByTestId('payment-recon-prev'));
    expect(await screen.findByTestId('payment-recon-empty')).toBeTruthy();
    expect((screen.getByTestId('payment-recon-period') as HTMLSelectElement).value).toBe('2026-10-H2');
  });

  it('any Taipei days can be reconciled (end day included); a reversed or too long range is refused before asking', async () => {
    const days = { from: '2026-10-31T16:00:00.000Z', to: '2026-11-20T16:00:00.000Z' };
    renderPage('/payment-reconciliation?from=2026-11-01&to=2026-11-20', [answer(days, [row({})])]);
    expect(await screen.findByTestId('payment-recon-row')).toBeTruthy();
    // The end day is included: to is the start of the next Taipei day.
    expect(screen.getByTestId('payment-recon-download').getAttribute('href')).toBe(`/exports/payments.csv?from=${encodeURIComponent(days.from)}&to=${encodeURIComponent(days.to)}`);

    fireEvent.change(screen.getByTestId('payment-recon-from'), { target: { value: '2026-08-01' } });
    expect((await screen.findByText('一次最多對帳 62 天')).textContent).toBeTruthy();
    expect(screen.getByTestId('payment-recon-choose')).toBeTruthy();
    expect(screen.getByTestId('payment-recon-download').hasAttribute('href')).toBe(false);

    fireEvent.change(screen.getByTestId('payment-recon-from'), { target: { value: '2026-11-25' } });
    expect(await screen.findByText('結束日期不可早於開始日期')).toBeTruthy();
  });

  it('a failed request says so and can be retried', async () => {
    renderPage('/payment-reconciliation?period=2026-11-H1', [
      { request: { query: PaymentReconciliationDocument, variables: H1 }, error: new Error('Failed to fetch') },
      answer(H1, []),
    ]);
    expect((await screen.findByTestId('form-error')).textContent).toContain('無法連線到伺服器');
    fireEvent.click(screen.getByTestId('payment-recon-retry'));
    await waitFor(() => expect(screen.getByTestId('payment-recon-empty')).toBeTruthy());
  });

  it('對帳 > 金流對帳 is in the menu and opens on the current half-month period (Asia/Taipei)', async () => {
    const current = rangeInstants({ mode: 'period', period: periodOf() });
    if ('problem' in current) throw new Error('the current period is a valid range');
    renderAdminApp('/payment-reconciliation', [answer(current, [])]);
    expect((await screen.findByTestId('nav-payment-reconciliation')).textContent).toBe('金流對帳');
    expect(screen.getByTestId('nav-payment-reconciliation').getAttribute('data-active')).toBe('true');
    expect(await screen.findByTestId('payment-recon-empty')).toBeTruthy();
    expect((screen.getByTestId('payment-recon-period') as HTMLSelectElement).value).toBe(periodOf());
  });
});
