import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { admin } from '../../../test/fixtures';
import {
  CommissionReportDocument,
  LedgerConsistencyDocument,
  ReferrerCreateDocument,
  ReferrersDocument,
  SettlementStatementDocument,
  SettlementStatementsDocument,
  TicketLiabilityDocument,
} from '../api/reconciliation';
import { CommissionPage } from './CommissionPage';
import { ReferrersPage } from './ReferrersPage';
import { StatementDownload } from './StatementDownload';
import { StatementPage } from './StatementPage';
import { StatementsPage } from './StatementsPage';

const summary = (period: string, redeemedAmount: number, feeAmount: number, feeRefundAmount: number) => ({
  __typename: 'StatementSummary',
  period,
  from: '2026-10-15T16:00:00.000Z',
  to: '2026-10-31T16:00:00.000Z',
  redeemedAmount,
  feeAmount,
  feeRefundAmount,
  netPayout: redeemedAmount - feeAmount + feeRefundAmount,
});

const liability = { request: { query: TicketLiabilityDocument, variables: {} }, result: { data: { ticketLiability: { __typename: 'TicketLiability', asOf: '2026-11-26T04:00:00.000Z', amount: 600, quantity: 3 } } } };

describe('對帳', () => {
  it('L4/L5: lists periods with their totals next to the liability, and checks a period\'s books on request', async () => {
    const mocks = [
      {
        request: { query: SettlementStatementsDocument, variables: { count: 12 } },
        result: { data: { settlementStatements: [summary('2026-11-H1', 0, 0, 0), summary('2026-10-H2', 400, 50, 0)] } },
      },
      liability,
      {
        request: { query: LedgerConsistencyDocument, variables: { period: '2026-10-H2' } },
        result: { data: { ledgerConsistency: { __typename: 'LedgerConsistency', period: '2026-10-H2', ok: false, statementMatchesLedger: true, codesChecked: 4, mismatchedCodes: ['K7M2QX9PWD'] } } },
      },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/reconciliation" mocks={mocks}>
        <StatementsPage />
      </TestProviders>,
    );
    const rows = await screen.findAllByTestId('statement-row');
    expect(rows.map((r) => r.getAttribute('data-period'))).toEqual(['2026-11-H1', '2026-10-H2']);
    // The seed's example: 2 x 200 redeemed on 10/22 are paid in the October second half.
    expect(within(rows[1]!).getByTestId('statement-link').textContent).toBe('2026 年 10 月下半月（16–31 日）');
    expect(within(rows[1]!).getByTestId('statement-redeemed').textContent).toBe('NT$400');
    expect(within(rows[1]!).getByTestId('statement-net').textContent).toBe('NT$350');
    expect((await screen.findByTestId('liability-amount')).textContent).toBe('NT$600');
    expect(screen.getByTestId('liability-quantity').textContent).toBe('共 3 張未使用');

    fireEvent.click(within(rows[1]!).getByTestId('consistency-check'));
    const result = await within(rows[1]!).findByTestId('consistency-result');
    expect(result.getAttribute('data-ok')).toBe('false');
    expect(result.textContent).toContain('K7M2QX9PWD');
  });

  it('L4: a statement shows its lines and totals and links its CSV export', async () => {
    const mocks = [
      {
        request: { query: SettlementStatementDocument, variables: { period: '2026-10-H2' } },
        result: {
          data: {
            settlementStatement: {
              __typename: 'SettlementStatement',
              period: '2026-10-H2',
              from: '2026-10-15T16:00:00.000Z',
              to: '2026-10-31T16:00:00.000Z',
              redeemedAmount: 400,
              feeAmount: 0,
              feeRefundAmount: 0,
              netPayout: 400,
              lines: [
                {
                  __typename: 'StatementLine',
                  occurredAt: '2026-10-22T03:00:00.000Z',
                  kind: 'REDEMPTION',
                  orderNumber: 'T20261005-000001',
                  code: 'K7M2QX9PWD',
                  ticketName: '親子劇場 — 全票',
                  quantity: 2,
                  faceValue: 400,
                  fee: 0,
                  feeRefund: 0,
                },
              ],
            },
          },
        },
      },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/reconciliation/2026-10-H2" mocks={mocks}>
        <Routes>
          <Route path="/reconciliation/:period" element={<StatementPage />} />
        </Routes>
      </TestProviders>,
    );
    expect((await screen.findByTestId('statement-line')).textContent).toContain('K7M2QX9PWD');
    expect(screen.getByTestId('statement-net').textContent).toBe('NT$400');
    const download = screen.getByTestId('statement-download');
    expect(download.getAttribute('href')).toBe('/exports/statements/2026-10-H2.csv');
    expect(download.hasAttribute('download')).toBe(true);
    expect(screen.getByTestId('statement-prev').getAttribute('href')).toBe('/reconciliation/2026-10-H1');
  });

  it('a malformed period says so instead of asking the server', async () => {
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/reconciliation/2026-10" mocks={[]}>
        <Routes>
          <Route path="/reconciliation/:period" element={<StatementPage />} />
        </Routes>
      </TestProviders>,
    );
    expect(await screen.findByTestId('statement-not-found')).toBeTruthy();
  });
});

describe('推薦人 and 分潤', () => {
  const referrer = { __typename: 'Referrer', id: 'rf1', name: '艾咪', code: 'AMY2026', commissionBasisPoints: 1250, createdAt: '2026-11-26T01:00:00Z' };

  it('C3/A2: a rate typed as 12.5% is sent as 1250 basis points; server refusals show on their fields', async () => {
    const mocks = [
      { request: { query: ReferrersDocument }, result: { data: { referrers: [] } } },
      {
        request: { query: ReferrerCreateDocument, variables: { input: { name: '艾咪', code: 'AMY', commissionBasisPoints: 1250 } } },
        result: { data: { referrerCreate: { __typename: 'ReferrerCreatePayload', referrer: null, errors: [{ __typename: 'ReferrerCreateError', code: 'CODE_TAKEN', message: '此推薦碼已被使用', field: 'code' }] } } },
      },
      {
        request: { query: ReferrerCreateDocument, variables: { input: { name: '艾咪', code: 'AMY2026', commissionBasisPoints: 1250 } } },
        result: { data: { referrerCreate: { __typename: 'ReferrerCreatePayload', referrer, errors: [] } } },
      },
      { request: { query: ReferrersDocument }, result: { data: { referrers: [referrer] } } },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/referrers" mocks={mocks}>
        <ReferrersPage />
      </TestProviders>,
    );
    expect(await screen.findByTestId('referrers-empty')).toBeTruthy();
    // The form shows once the session says the viewer has SETTINGS_MANAGE.
    await screen.findByTestId('referrer-create-submit');
    const field = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    fireEvent.change(field('name'), { target: { value: '艾咪' } });
    fireEvent.change(field('code'), { target: { value: 'amy' } });
    fireEvent.change(field('rate'), { target: { value: '12.5' } });
    fireEvent.click(screen.getByTestId('referrer-create-submit'));
    expect(await screen.findByText('此推薦碼已被使用')).toBeTruthy();

    fireEvent.change(field('code'), { target: { value: 'AMY2026' } });
    fireEvent.click(screen.getByTestId('referrer-create-submit'));
    expect((await screen.findByTestId('form-success')).textContent).toContain('艾咪');
    const row = await screen.findByTestId('referrer-row');
    expect(row.getAttribute('data-code')).toBe('AMY2026');
    expect(within(row).getByTestId('referrer-rate').textContent).toBe('12.5%');
  });

  it('A2: the commission report lists each referrer for the chosen period with a total', async () => {
    const report = (period: string, rows: object[], total: number) => ({
      request: { query: CommissionReportDocument, variables: { period } },
      result: { data: { commissionReport: { __typename: 'CommissionReport', period, total, rows } } },
    });
    const mocks = [
      report(
        '2026-11-H1',
        [{ __typename: 'CommissionReportRow', referrer: { __typename: 'Referrer', id: 'rf1', name: '艾咪', code: 'AMY2026' }, orders: 2, baseAmount: 1600, commission: 200 }],
        200,
      ),
      report('2026-10-H2', [], 0),
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} route="/commission?period=2026-11-H1" mocks={mocks}>
        <CommissionPage />
      </TestProviders>,
    );
    const row = await screen.findByTestId('commission-row');
    expect(row.getAttribute('data-code')).toBe('AMY2026');
    expect(within(row).getByTestId('commission-amount').textContent).toBe('NT$200');
    expect(screen.getByTestId('commission-total').textContent).toBe('NT$200');
    fireEvent.click(screen.getByTestId('commission-prev'));
    await waitFor(() => expect(screen.getByTestId('commission-empty')).toBeTruthy());
    expect((screen.getByTestId('commission-period') as HTMLSelectElement).value).toBe('2026-10-H2');
  });
});

describe('statement CSV', () => {
  afterEach(() => vi.restoreAllMocks());

  it('L4: a click fetches the export with the session and saves it; a refusal is said on the page', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(new Response('{"error":"UNAUTHENTICATED"}', { status: 401 }));
    render(
      <TestProviders app="ADMIN" viewer={admin} mocks={[]}>
        <StatementDownload period="2026-10-H2" />
      </TestProviders>,
    );
    const link = screen.getByTestId('statement-download');
    fireEvent.click(link);
    expect((await screen.findByTestId('statement-download-error')).textContent).toContain('重新登入');
    expect(fetchMock).toHaveBeenCalledWith('/exports/statements/2026-10-H2.csv', { method: 'HEAD', credentials: 'same-origin' });

    // Allowed: the browser is left to save the streamed file under the server's name (Content-Disposition).
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 200, headers: { 'content-type': 'text/csv' } }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(new URL(this.href).pathname);
    });
    fireEvent.click(link);
    await waitFor(() => expect(saved).toEqual(['/exports/statements/2026-10-H2.csv']));
    expect(screen.queryByTestId('statement-download-error')).toBeNull();
  });
});
