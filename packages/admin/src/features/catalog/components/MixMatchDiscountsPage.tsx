import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, EmptyState, Group, List, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormError, formatMoney, PageLoader } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MixMatchDiscountsQuery } from '../../../gql/graphql';
import { MixMatchDiscountCreateDocument, MixMatchDiscountsDocument } from '../api/catalog';
import { allMessages, groupFieldErrors, type FieldErrors } from '../lib/fieldErrors';
import { fieldError } from './FieldMessages';
import { SuccessNotice, type Notice } from './SuccessNotice';
import { useVariantLabels, VariantPicker } from './VariantPicker';

type Discount = MixMatchDiscountsQuery['mixMatchDiscounts'][number];
type Mode = 'fixed' | 'percent';

const toInt = (value: number | string): number | '' => (typeof value === 'number' && Number.isFinite(value) ? value : '');

/** 8 折 for 20% off, 85 折 for 15% off: how a Taiwanese shop says it. */
export function zheDiscount(percentOff: number): string {
  const pay = 100 - percentOff;
  return String(pay % 10 === 0 ? pay / 10 : pay);
}

/** 任選折扣 (C3): "any N of these for P dollars" or "for X% off"; list and create. */
export function MixMatchDiscountsPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(MixMatchDiscountsDocument);
  const labels = useVariantLabels();
  const [notice, setNotice] = useState<Notice | null>(null);
  const discounts = data?.mixMatchDiscounts ?? [];

  const rule = (d: Discount) =>
    d.fixedPrice != null
      ? t('admin.mixMatch.ruleFixed', { count: d.requiredQuantity, price: formatMoney(d.fixedPrice) })
      : t('admin.mixMatch.rulePercent', { count: d.requiredQuantity, percent: d.percentOff, discount: zheDiscount(d.percentOff ?? 0) });

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('admin.mixMatch.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('admin.mixMatch.hint')}
        </Text>
      </div>
      <SuccessNotice notice={notice} onClose={() => setNotice(null)} />
      <MixMatchDiscountForm onCreated={(name) => setNotice({ key: 'admin.mixMatch.created', values: { name } })} />
      {error && <FormError>{t('admin.groups.loadFailed')}</FormError>}
      {loading && !data && <PageLoader />}
      {data && !discounts.length && <EmptyState title={t('admin.mixMatch.empty')} data-testid="discounts-empty" />}
      {discounts.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.mixMatch.columns.name')}</Table.Th>
                <Table.Th>{t('admin.mixMatch.columns.rule')}</Table.Th>
                <Table.Th>{t('admin.mixMatch.columns.variants')}</Table.Th>
                <Table.Th>{t('admin.mixMatch.columns.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {discounts.map((d) => (
                <Table.Tr key={d.id} data-testid="discount-row" data-discount-id={d.id}>
                  <Table.Td fw={500}>{d.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{rule(d)}</Table.Td>
                  <Table.Td>
                    <List size="sm" spacing={2}>
                      {d.variants.map((v) => (
                        <List.Item key={v.id}>{labels.get(v.id) ?? v.name}</List.Item>
                      ))}
                    </List>
                  </Table.Td>
                  <Table.Td>
                    <Badge miw="max-content" color={d.active ? 'green' : 'gray'}>
                      {t(d.active ? 'admin.mixMatch.active' : 'admin.mixMatch.inactive')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** The server blames `fixedPrice` for any bad discount; show it on whichever of the two is in use. */
const DISCOUNT_ALIASES = { fixedPrice: 'discount', percentOff: 'discount' };

export function MixMatchDiscountForm({ onCreated }: { onCreated(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [requiredQuantity, setRequiredQuantity] = useState<number | ''>('');
  const [mode, setMode] = useState<Mode>('fixed');
  const [amount, setAmount] = useState<number | ''>('');
  const [variantIds, setVariantIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [create, { loading }] = useMutation(MixMatchDiscountCreateDocument);
  const client = useApolloClient();
  const messages = allMessages(errors);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // What can't be sent at all (a blank number) is caught here, with the other blanks, in one go.
    if (requiredQuantity === '') {
      const required = [t('common.required')];
      setErrors({
        requiredQuantity: required,
        ...(name.trim() ? {} : { name: required }),
        ...(amount === '' ? { discount: required } : {}),
        ...(variantIds.length ? {} : { variantIds: required }),
      });
      return;
    }
    setErrors({});
    // Exactly one of the two: the other is sent as null.
    const value = amount === '' ? null : amount;
    const input = { name, requiredQuantity, variantIds, fixedPrice: mode === 'fixed' ? value : null, percentOff: mode === 'percent' ? value : null };
    try {
      const { data } = await create({ variables: { input } });
      const refusals = data?.mixMatchDiscountCreate.errors ?? [];
      if (refusals.length) return setErrors(groupFieldErrors(refusals, DISCOUNT_ALIASES));
      // Refetched only on success (a refusal changed nothing); a failed refetch only leaves the list stale.
      await Promise.resolve(client.refetchQueries({ include: [MixMatchDiscountsDocument] })).catch(() => undefined);
      onCreated(name.trim());
      setName('');
      setRequiredQuantity('');
      setAmount('');
      setVariantIds([]);
    } catch {
      setErrors({ '': [t('common.networkError')] });
    }
  }

  return (
    <Paper withBorder p="lg" component="section">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={3} size="h4">
            {t('admin.mixMatch.createTitle')}
          </Title>
          <FormError>{messages.length ? messages.join(' ') : null}</FormError>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput name="name" label={t('admin.groups.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(errors, 'name')} withAsterisk />
            <NumberInput
              name="requiredQuantity"
              label={t('admin.mixMatch.requiredQuantity')}
              description={t('admin.mixMatch.requiredQuantityHint')}
              min={2}
              allowDecimal={false}
              allowNegative={false}
              inputMode="numeric"
              value={requiredQuantity}
              onChange={(v) => setRequiredQuantity(toInt(v))}
              error={fieldError(errors, 'requiredQuantity')}
              withAsterisk
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="discount-type-label">
                {t('admin.mixMatch.type')}
              </Text>
              <SegmentedControl
                name="discountType"
                aria-labelledby="discount-type-label"
                data-testid="discount-type"
                value={mode}
                onChange={(value) => {
                  setMode(value as Mode);
                  setAmount('');
                }}
                data={[
                  { value: 'fixed', label: t('admin.mixMatch.fixed') },
                  { value: 'percent', label: t('admin.mixMatch.percent') },
                ]}
              />
            </Stack>
            {mode === 'fixed' ? (
              <NumberInput
                key="fixed"
                name="fixedPrice"
                label={t('admin.mixMatch.fixedPrice')}
                leftSection={<Text size="xs">NT$</Text>}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                inputMode="numeric"
                value={amount}
                onChange={(v) => setAmount(toInt(v))}
                error={fieldError(errors, 'discount')}
                withAsterisk
              />
            ) : (
              <NumberInput
                key="percent"
                name="percentOff"
                label={t('admin.mixMatch.percentOff')}
                description={t('admin.mixMatch.percentOffHint')}
                rightSection={<Text size="xs">%</Text>}
                min={1}
                max={99}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                inputMode="numeric"
                value={amount}
                onChange={(v) => setAmount(toInt(v))}
                error={fieldError(errors, 'discount')}
                withAsterisk
              />
            )}
          </SimpleGrid>
          <VariantPicker value={variantIds} onChange={setVariantIds} error={fieldError(errors, 'variantIds')} />
          <Group justify="flex-end">
            <Button type="submit" loading={loading} data-testid="discount-create-submit">
              {t('admin.groups.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
