import { Button, Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { nextPeriod, previousPeriod, recentPeriods } from '../lib/period';
import { usePeriodLabel } from './PeriodLabel';

export interface PeriodPickerProps {
  /** A valid period id, e.g. `2026-11-H1`. */
  value: string;
  onChange(period: string): void;
  label: string;
  /** `commission` -> `commission-period`, `commission-prev`, `commission-next`. */
  testIdPrefix: string;
}

/** 帳期 picker of the 對帳 pages: the last two years of half-month periods, with a step back and forth. */
export function PeriodPicker({ value, onChange, label, testIdPrefix }: PeriodPickerProps) {
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const options = recentPeriods(24);
  if (!options.includes(value)) options.unshift(value);
  const prev = previousPeriod(value);
  const next = nextPeriod(value);
  return (
    <Group align="flex-end" gap="xs">
      <NativeSelect
        name="period"
        label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        data={options.map((p) => ({ value: p, label: periodLabel(p) }))}
        data-testid={`${testIdPrefix}-period`}
        w={300}
      />
      <Button variant="default" onClick={() => prev && onChange(prev)} aria-label={t('admin.reconciliation.previousPeriod')} data-testid={`${testIdPrefix}-prev`}>
        ←
      </Button>
      <Button variant="default" onClick={() => next && onChange(next)} aria-label={t('admin.reconciliation.nextPeriod')} data-testid={`${testIdPrefix}-next`}>
        →
      </Button>
    </Group>
  );
}
