import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProductKind } from '../../../gql/graphql';
import type { FieldErrors } from '../lib/fieldErrors';
import type { VariantRow } from '../lib/productForm';
import { BlockFieldError, fieldError } from './FieldMessages';

export interface RemovedVariant {
  row: VariantRow;
  index: number;
}

export interface VariantsEditorProps {
  kind: ProductKind;
  rows: VariantRow[];
  errors: FieldErrors;
  /** Saved ticket types taken out of the list: archived on save, shown with an undo. */
  removed: RemovedVariant[];
  onChange(index: number, patch: Partial<VariantRow>): void;
  onAdd(): void;
  onRemove(index: number): void;
  onUndo(removed: RemovedVariant): void;
}

const toInt = (value: number | string): number | '' => (typeof value === 'number' && Number.isFinite(value) ? value : '');

/** The 票種 editor: one row per ticket type; the row order is the order in the shop. */
export function VariantsEditor({ kind, rows, errors, removed, onChange, onAdd, onRemove, onUndo }: VariantsEditorProps) {
  const { t } = useTranslation();
  const goods = kind === 'GOODS';

  return (
    <Stack gap="sm">
      <BlockFieldError errors={errors} path="variants" />
      {!rows.length && (
        <Text c="dimmed" size="sm">
          {t('admin.catalog.variant.none')}
        </Text>
      )}
      {rows.map((row, i) => {
        const path = (field: string) => `variants.${i}.${field}`;
        const n = i + 1;
        const title = t(goods ? 'admin.catalog.variant.goodsTitle' : 'admin.catalog.variant.title', { n });
        return (
          <Paper key={row.key} withBorder p="sm" role="group" aria-label={title} data-testid="variant-row" data-variant-id={row.id ?? undefined}>
            <Text fw={600} mb="xs">
              {title}
            </Text>
            <BlockFieldError errors={errors} path={path('id')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                name={path('name')}
                label={t(goods ? 'admin.catalog.variant.goodsName' : 'admin.catalog.variant.name')}
                value={row.name}
                onChange={(e) => onChange(i, { name: e.currentTarget.value })}
                error={fieldError(errors, path('name'))}
                withAsterisk
              />
              <NumberInput
                name={path('price')}
                label={t('admin.catalog.variant.price')}
                leftSection={<Text size="xs">NT$</Text>}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                inputMode="numeric"
                value={row.price}
                onChange={(value) => onChange(i, { price: toInt(value) })}
                error={fieldError(errors, path('price'))}
                withAsterisk
              />
              <NumberInput
                name={path('stock')}
                label={t('admin.catalog.variant.stock')}
                description={t('admin.catalog.variant.stockHint')}
                placeholder={t('admin.catalog.variant.unlimited')}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                inputMode="numeric"
                value={row.stock}
                onChange={(value) => onChange(i, { stock: toInt(value) })}
                error={fieldError(errors, path('stock'))}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
              <TextInput
                type="datetime-local"
                name={path('saleStartsAt')}
                label={t('admin.catalog.variant.saleStartsAt')}
                description={t('admin.catalog.variant.saleHint')}
                value={row.saleStartsAt}
                onChange={(e) => onChange(i, { saleStartsAt: e.currentTarget.value })}
                error={fieldError(errors, path('saleStartsAt'))}
              />
              <TextInput
                type="datetime-local"
                name={path('saleEndsAt')}
                label={t('admin.catalog.variant.saleEndsAt')}
                description={t('admin.catalog.variant.saleHint')}
                value={row.saleEndsAt}
                onChange={(e) => onChange(i, { saleEndsAt: e.currentTarget.value })}
                error={fieldError(errors, path('saleEndsAt'))}
              />
            </SimpleGrid>
            {/* After the fields, so Tab goes through a row before reaching its remove button. */}
            <Group justify="flex-end" mt="xs">
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => onRemove(i)}
                aria-label={t('admin.catalog.variant.removeLabel', { n })}
                data-testid="variant-remove"
              >
                {t('admin.catalog.variant.remove')}
              </Button>
            </Group>
          </Paper>
        );
      })}
      {removed.map((entry) => (
        <Alert key={entry.row.key} color="yellow" variant="light" data-testid="variant-removed-notice">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{t('admin.catalog.variant.removedNotice', { name: entry.row.name || t('admin.catalog.variant.unnamed') })}</Text>
            <Button size="xs" variant="default" onClick={() => onUndo(entry)} data-testid="variant-undo-remove">
              {t('admin.catalog.variant.undo')}
            </Button>
          </Group>
        </Alert>
      ))}
      <Group>
        <Button variant="light" onClick={onAdd} data-testid="variant-add">
          {t(goods ? 'admin.catalog.variant.goodsAdd' : 'admin.catalog.variant.add')}
        </Button>
      </Group>
    </Stack>
  );
}
