import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, List, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { FormError, formatMoney } from '@ticket/ui';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDeleteDialogs } from '../../../components/EditDeleteDialogs';
import { ListPage, RowActions } from '../../../components/ListPage';
import type { MixMatchDiscountsQuery } from '../../../gql/graphql';
import { MixMatchDiscountCreateDocument, MixMatchDiscountDeleteDocument, MixMatchDiscountsDocument, MixMatchDiscountUpdateDocument } from '../api/catalog';
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

/** 任選折扣 (C3): "any N of these for P dollars" or "for X% off"; list, create, change and delete. */
export function MixMatchDiscountsPage() {
  const { t } = useTranslation();
  const { data, error } = useQuery(MixMatchDiscountsDocument);
  const labels = useVariantLabels();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [editing, setEditing] = useState<Discount | null>(null);
  const [deleting, setDeleting] = useState<Discount | null>(null);
  const [remove] = useMutation(MixMatchDiscountDeleteDocument, { refetchQueries: [MixMatchDiscountsDocument] });

  const rule = (d: Discount) =>
    d.fixedPrice != null
      ? t('admin.mixMatch.ruleFixed', { count: d.requiredQuantity, price: formatMoney(d.fixedPrice) })
      : t('admin.mixMatch.rulePercent', { count: d.requiredQuantity, percent: d.percentOff, discount: zheDiscount(d.percentOff ?? 0) });

  return (
    <>
      <ListPage
        maw={1100}
        title={t('admin.mixMatch.title')}
        description={t('admin.mixMatch.hint')}
        items={data?.mixMatchDiscounts}
        error={error ? t('admin.groups.loadFailed') : null}
        empty={{ title: t('admin.mixMatch.empty'), testId: 'discounts-empty' }}
        columns={[
          { key: 'name', header: t('admin.mixMatch.columns.name') },
          { key: 'rule', header: t('admin.mixMatch.columns.rule') },
          { key: 'variants', header: t('admin.mixMatch.columns.variants') },
          { key: 'status', header: t('admin.mixMatch.columns.status') },
          { key: 'actions', header: t('admin.catalog.columns.actions'), visuallyHidden: true },
        ]}
        minWidth={820}
        row={(d) => (
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
            <Table.Td>
              <RowActions name={d.name} onEdit={() => setEditing(d)} onDelete={() => setDeleting(d)} testId="discount" />
            </Table.Td>
          </Table.Tr>
        )}
      >
        <SuccessNotice notice={notice} onClose={() => setNotice(null)} />
        <MixMatchDiscountForm onSaved={(name) => setNotice({ key: 'admin.mixMatch.created', values: { name } })} />
      </ListPage>
      <EditDeleteDialogs
        editing={editing}
        deleting={deleting}
        editTitle={t('admin.lifecycle.editDiscount')}
        deleteTitle={t('admin.lifecycle.deleteDiscountTitle')}
        deleteConfirm={(discount) => t('admin.lifecycle.deleteDiscountConfirm', { name: discount.name })}
        form={(discount, done, cancel) => <MixMatchDiscountForm discount={discount} onSaved={done} onCancel={cancel} />}
        remove={async (discount) => (await remove({ variables: { input: { id: discount.id } } })).data?.mixMatchDiscountDelete.errors[0]?.message}
        onClose={() => (setEditing(null), setDeleting(null))}
        onDone={(key, name) => setNotice({ key, values: { name } })}
      />
    </>
  );
}

/** The server blames `fixedPrice` for any bad discount; show it on whichever of the two is in use. */
const DISCOUNT_ALIASES = { fixedPrice: 'discount', percentOff: 'discount' };

/** Creates a discount, or with `discount` changes that one (from the next checkout on). */
export function MixMatchDiscountForm({ discount, onSaved, onCancel }: { discount?: Discount; onSaved(name: string): void; onCancel?(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(discount?.name ?? '');
  const [requiredQuantity, setRequiredQuantity] = useState<number | ''>(discount?.requiredQuantity ?? '');
  const [mode, setMode] = useState<Mode>(discount?.percentOff != null ? 'percent' : 'fixed');
  const [amount, setAmount] = useState<number | ''>(discount?.fixedPrice ?? discount?.percentOff ?? '');
  const [variantIds, setVariantIds] = useState<string[]>(discount?.variants.map((v) => v.id) ?? []);
  const [active, setActive] = useState(discount?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [create, { loading: creating }] = useMutation(MixMatchDiscountCreateDocument);
  const [update, { loading: updating }] = useMutation(MixMatchDiscountUpdateDocument);
  const loading = creating || updating;
  const typeLabelId = useId();
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
      const refusals = discount
        ? ((await update({ variables: { input: { ...input, id: discount.id, active } } })).data?.mixMatchDiscountUpdate.errors ?? [])
        : ((await create({ variables: { input } })).data?.mixMatchDiscountCreate.errors ?? []);
      if (refusals.length) return setErrors(groupFieldErrors(refusals, DISCOUNT_ALIASES));
      // Refetched only on success (a refusal changed nothing); a failed refetch only leaves the list stale.
      await Promise.resolve(client.refetchQueries({ include: [MixMatchDiscountsDocument] })).catch(() => undefined);
      onSaved(name.trim());
      if (discount) return;
      setName('');
      setRequiredQuantity('');
      setAmount('');
      setVariantIds([]);
    } catch {
      setErrors({ '': [t('common.networkError')] });
    }
  }

  return (
    <Paper withBorder={!discount} p={discount ? 0 : 'lg'} component="section">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!discount && (
            <Title order={3} size="h4">
              {t('admin.mixMatch.createTitle')}
            </Title>
          )}
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
              <Text size="sm" fw={500} id={typeLabelId}>
                {t('admin.mixMatch.type')}
              </Text>
              <SegmentedControl
                name="discountType"
                aria-labelledby={typeLabelId}
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
          {discount && (
            <Switch
              name="active"
              label={t('admin.lifecycle.discountActive')}
              description={t('admin.lifecycle.discountActiveHint')}
              checked={active}
              onChange={(e) => setActive(e.currentTarget.checked)}
              data-testid="discount-active"
            />
          )}
          {discount && <Text size="sm" c="dimmed">{t('admin.lifecycle.pastOrdersKeepPrices')}</Text>}
          <Group justify="flex-end">
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
            <Button type="submit" loading={loading} data-testid={discount ? 'discount-save-submit' : 'discount-create-submit'}>
              {discount ? t('admin.lifecycle.save') : t('admin.groups.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
