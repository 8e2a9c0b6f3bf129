import { Alert, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCardNumber, formatExpiry, type CardError, type CardField } from '../card-tokenizer';

export interface CardValues {
  cardNumber: string;
  cardExpiry: string;
  cardCvc: string;
  cardName: string;
}

export const EMPTY_CARD: CardValues = { cardNumber: '', cardExpiry: '', cardCvc: '', cardName: '' };

/**
 * The card fields. They feed the client-side tokenizer only: the checkout sends the token, never these
 * values, to our server.
 */
export function CardForm({
  values,
  errors,
  onChange,
}: {
  values: CardValues;
  errors: Partial<Record<CardField, CardError>>;
  onChange(values: CardValues, changed: CardField): void;
}) {
  const { t } = useTranslation();
  const error = (field: CardField) => (errors[field] ? t(`shop.card.errors.${errors[field]}`) : undefined);
  const set = (field: CardField, format: (v: string) => string = (v) => v) => (e: { currentTarget: { value: string } }) =>
    onChange({ ...values, [field]: format(e.currentTarget.value) }, field);

  return (
    <Stack gap="sm" data-testid="card-form">
      <Alert color="blue" variant="light" p="xs">
        <Text size="xs">{t('shop.card.testMode')}</Text>
      </Alert>
      <TextInput
        name="cardNumber"
        label={t('shop.card.number')}
        placeholder="4242 4242 4242 4242"
        inputMode="numeric"
        autoComplete="cc-number"
        value={values.cardNumber}
        onChange={set('cardNumber', formatCardNumber)}
        error={error('cardNumber')}
        withAsterisk
      />
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          name="cardExpiry"
          label={t('shop.card.expiry')}
          placeholder="MM/YY"
          inputMode="numeric"
          autoComplete="cc-exp"
          value={values.cardExpiry}
          onChange={set('cardExpiry', formatExpiry)}
          error={error('cardExpiry')}
          withAsterisk
        />
        <TextInput
          name="cardCvc"
          label={t('shop.card.cvc')}
          placeholder="123"
          inputMode="numeric"
          autoComplete="cc-csc"
          maxLength={4}
          value={values.cardCvc}
          onChange={set('cardCvc', (v) => v.replace(/\D/g, ''))}
          error={error('cardCvc')}
          withAsterisk
        />
      </SimpleGrid>
      <TextInput
        name="cardName"
        label={t('shop.card.name')}
        autoComplete="cc-name"
        value={values.cardName}
        onChange={set('cardName')}
        error={error('cardName')}
        withAsterisk
      />
      <Text size="xs" c="dimmed">
        {t('shop.card.secure')}
      </Text>
    </Stack>
  );
}
