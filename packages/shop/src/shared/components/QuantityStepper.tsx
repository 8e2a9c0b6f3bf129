import { ActionIcon, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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

/** − n +, big enough for a thumb; the buttons are real buttons, so Tab and Enter/Space work. */
export function QuantityStepper({ value, onChange, min = 0, max, label, disabled, testId }: QuantityStepperProps) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label={t('shop.quantity.label', { name: label })}>
      <ActionIcon
        variant="default"
        size="lg"
        onClick={() => onChange(value - 1)}
        disabled={disabled || value <= min}
        aria-label={t('shop.quantity.decrease', { name: label })}
        data-testid={`${testId}-minus`}
      >
        −
      </ActionIcon>
      <Text component="output" aria-live="polite" w={36} ta="center" fw={600} data-testid={testId}>
        {value}
      </Text>
      <ActionIcon
        variant="default"
        size="lg"
        onClick={() => onChange(value + 1)}
        disabled={disabled || value >= max}
        aria-label={t('shop.quantity.increase', { name: label })}
        data-testid={`${testId}-plus`}
      >
        +
      </ActionIcon>
    </Group>
  );
}
