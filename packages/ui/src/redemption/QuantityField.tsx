import { Button, Group, Input, NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface QuantityFieldProps {
  value: number | '';
  onChange(value: number | ''): void;
  /** The code's remaining quantity. */
  max: number;
  /** X3: a split code redeems exactly 1; the field is shown but cannot be changed. */
  fixed?: boolean;
  /** Submits the form (Enter in the field). */
  onSubmit?(): void;
}

/** R4: how many to redeem, default 1, with big +/- steppers for a thumb. */
export function QuantityField({ value, onChange, max, fixed = false, onSubmit }: QuantityFieldProps) {
  const { t } = useTranslation();
  const current = value === '' ? 0 : value;
  const step = (delta: number) => onChange(Math.min(max, Math.max(1, current + delta)));
  return (
    <Input.Wrapper
      label={t('redemption.quantity')}
      description={fixed ? t('redemption.splitQuantityFixed') : t('redemption.quantityMax', { max })}
      size="lg"
    >
      <Group gap="sm" wrap="nowrap" mt={6}>
        <Button
          size="xl"
          variant="default"
          w={72}
          px={0}
          fz={32}
          aria-label={t('redemption.decrease')}
          disabled={fixed || current <= 1}
          onClick={() => step(-1)}
          data-testid="quantity-decrease"
        >
          −
        </Button>
        <NumberInput
          name="quantity"
          aria-label={t('redemption.quantity')}
          size="xl"
          hideControls
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          min={1}
          max={max}
          value={fixed ? 1 : value}
          disabled={fixed}
          readOnly={fixed}
          inputMode="numeric"
          onChange={(v) => onChange(v === '' ? '' : Number(v))}
          onBlur={() => value === '' && !fixed && onChange(1)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onSubmit?.();
            }
          }}
          styles={{ input: { textAlign: 'center', fontSize: 28, fontWeight: 700 } }}
          style={{ flex: 1 }}
          data-testid="redeem-quantity"
        />
        <Button
          size="xl"
          variant="default"
          w={72}
          px={0}
          fz={32}
          aria-label={t('redemption.increase')}
          disabled={fixed || current >= max}
          onClick={() => step(1)}
          data-testid="quantity-increase"
        >
          +
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
