import { useTranslation } from 'react-i18next';
import { lastDay, parsePeriod } from '../lib/period';

/** `2026-11-H1` as 2026 年 11 月上半月（1–15 日） or Nov 1–15, 2026; the raw id when unreadable. */
export function usePeriodLabel(): (period: string) => string {
  const { t } = useTranslation();
  return (period) => {
    const p = parsePeriod(period);
    if (!p) return period;
    const monthName = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(p.year, p.month - 1, 1)));
    return t(`admin.reconciliation.period.H${p.half}`, { year: p.year, month: p.month, monthName, last: lastDay(p) });
  };
}

export function PeriodLabel({ period }: { period: string }) {
  return <>{usePeriodLabel()(period)}</>;
}
