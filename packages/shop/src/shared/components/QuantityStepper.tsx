import { useTranslation } from 'react-i18next';
import { lite } from '../lite';

export interface QuantityStepperProps {
  value: number;
  onChange(value: number): void;
  min?: number;
  max: number;
  /** What is counted, for screen readers ("早鳥票"). */
  label: string;
  disabled?: boolean;
  /** `variant-qty` gives `variant-qty-minus`, `variant-qty` and `variant-qty-plus`. */
  testId: string;
}

/** − n +, big enough for a thumb; the buttons are real buttons, so Tab and Enter/Space work. No Mantine (shared/lite). */
export function QuantityStepper({ value, onChange, min = 0, max, label, disabled, testId }: QuantityStepperProps) {
  const { t } = useTranslation();
  return (
    <div className={lite.row} style={{ gap: 4, flexWrap: 'nowrap' }} role="group" aria-label={t('shop.quantity.label', { name: label })}>
      <button
        type="button"
        className={lite.iconButton}
        onClick={() => onChange(value - 1)}
        disabled={disabled || value <= min}
        aria-label={t('shop.quantity.decrease', { name: label })}
        data-testid={`${testId}-minus`}
      >
        −
      </button>
      <output aria-live="polite" style={{ width: 36, textAlign: 'center', fontWeight: 600 }} data-testid={testId}>
        {value}
      </output>
      <button
        type="button"
        className={lite.iconButton}
        onClick={() => onChange(value + 1)}
        disabled={disabled || value >= max}
        aria-label={t('shop.quantity.increase', { name: label })}
        data-testid={`${testId}-plus`}
      >
        +
      </button>
    </div>
  );
}
