import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAdminApp } from '../../../test/render';
import { DashboardDocument } from '../api/dashboard';

const days = (dates: string[], sales: number[], redeemed: number[]) =>
  dates.map((date, i) => ({ __typename: 'DashboardDay', date, sales: sales[i] ?? 0, ticketsSold: (sales[i] ?? 0) / 100, redeemedAmount: redeemed[i] ?? 0, redeemedUnits: (redeemed[i] ?? 0) / 100 }));
const product = (productId: string, title: string, units: number, amount: number) => ({ __typename: 'DashboardProduct', productId, title, units, amount });

const dashboard = (range: string, overrides: Record<string, unknown> = {}) => ({
  request: { query: DashboardDocument, variables: { range } },
  result: {
    data: {
      dashboard: {
        __typename: 'Dashboard',
        range,
        from: '2026-11-28T16:00:00.000Z',
        to: '2026-12-05T16:00:00.000Z',
        asOf: '2026-12-05T06:00:00.000Z',
        grossSales: 123_400,
        orders: 12,
        ticketsSold: 34,
        redeemedUnits: 20,
        redeemedAmount: 56_000,
        refundedAmount: 3_000,
        refundedUnits: 3,
        refunds: 2,
        feeAmount: 6_170,
        feeRefundAmount: 150,
        liability: { __typename: 'TicketLiability', amount: 789_000, quantity: 150 },
        currentPeriod: {
          __typename: 'StatementSummary',
          period: '2026-12-H1',
          from: '2026-11-30T16:00:00.000Z',
          to: '2026-12-15T16:00:00.000Z',
          redeemedAmount: 40_000,
          feeAmount: 5_000,
          feeRefundAmount: 100,
          netPayout: 35_100,
        },
        days: days(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'], [0, 10_000, 20_000, 0, 50_000, 40_000, 3_400], [0, 0, 10_000, 20_000, 0, 26_000, 0]),
        topProductsBySales: [product('p1', '夏日爵士音樂會', 20, 80_000), product('p2', '手沖咖啡入門課', 14, 43_400)],
        topProductsByRedemptions: [product('p2', '手沖咖啡入門課', 12, 36_000)],
        redemptionHours: Array.from({ length: 24 }, (_, hour) => ({ __typename: 'DashboardHour', hour, redeemedUnits: hour === 14 ? 9 : hour === 19 ? 6 : hour === 10 ? 5 : 0, redeemedAmount: 0 })),
        ...overrides,
      },
    },
  },
});

describe('首頁 (B10)', () => {
  it('B10: an admin who reads the reports lands on 首頁: the figures, the payout so far with its statement, charts, top products and busiest hours', async () => {
    renderAdminApp('/', [dashboard('LAST_7_DAYS')]);
    const figures = await screen.findByTestId('dashboard');
    expect(screen.getByTestId('nav-dashboard').getAttribute('data-active')).toBe('true');
    expect(screen.getByTestId('stat-gross-sales').textContent).toContain('NT$123,400');
    expect(screen.getByTestId('stat-gross-sales').textContent).toContain('12 筆訂單・34 張票');
    expect(screen.getByTestId('stat-redeemed-value').textContent).toBe('NT$56,000');
    expect(screen.getByTestId('stat-refunds').textContent).toContain('2 筆訂單・3 張');
    expect(screen.getByTestId('stat-liability-value').textContent).toBe('NT$789,000');
    expect(screen.getByTestId('payout-net').textContent).toBe('NT$35,100');
    expect(screen.getByTestId('payout-statement').getAttribute('href')).toBe('/reconciliation/2026-12-H1');
    // One bar a day, each with its value; the same numbers as a table for screen readers.
    const sales = within(figures).getByTestId('chart-sales');
    expect(within(sales).getAllByTestId('chart-value').map((r) => Number(r.getAttribute('data-value')))).toEqual([0, 10_000, 20_000, 0, 50_000, 40_000, 3_400]);
    expect(within(sales).getByText('2026-12-03：銷售 NT$50,000（500 張）', { selector: 'td' })).toBeTruthy();
    expect(within(screen.getByTestId('top-sales')).getAllByTestId('top-sales-row').map((r) => r.textContent)).toEqual(['夏日爵士音樂會20NT$80,000', '手沖咖啡入門課14NT$43,400']);
    expect(screen.getByTestId('busiest-hours').textContent).toBe('14:00 起 9 張、19:00 起 6 張、10:00 起 5 張');
  });

  it('B10: choosing a range asks for it (today, 30 days, this period)', async () => {
    renderAdminApp('/dashboard', [dashboard('LAST_7_DAYS'), dashboard('CURRENT_PERIOD', { grossSales: 999 })]);
    await screen.findByTestId('dashboard');
    fireEvent.click(within(screen.getByTestId('dashboard-range')).getByText('本帳期'));
    expect(await screen.findByText('NT$999')).toBeTruthy();
  });

  it('B10: an empty range says so instead of empty lists', async () => {
    renderAdminApp('/dashboard?range=TODAY', [
      dashboard('TODAY', { topProductsBySales: [], topProductsByRedemptions: [], redemptionHours: Array.from({ length: 24 }, (_, hour) => ({ __typename: 'DashboardHour', hour, redeemedUnits: 0, redeemedAmount: 0 })) }),
    ]);
    await screen.findByTestId('dashboard');
    expect(within(screen.getByTestId('top-sales')).getByText('此期間尚無資料')).toBeTruthy();
    expect(screen.getByTestId('busiest-hours').textContent).toBe('此期間尚無核銷');
  });
});
