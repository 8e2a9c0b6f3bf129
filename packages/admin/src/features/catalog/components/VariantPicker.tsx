import { useQuery } from '@apollo/client/react';
import { MultiSelect } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductKind } from '../../../gql/graphql';
import { VariantOptionsDocument } from '../api/catalog';

const KINDS = ['TICKET', 'GOODS'] as const satisfies readonly ProductKind[];

/** Picker options ("product — ticket type") of drafts and products on sale by kind, and labels by variant id. */
export function useVariantLabels() {
  const { data, loading, error } = useQuery(VariantOptionsDocument, { fetchPolicy: 'cache-and-network' });
  const options = useMemo(() => {
    const byKind: Record<ProductKind, { value: string; label: string }[]> = { TICKET: [], GOODS: [] };
    const labels = new Map<string, string>();
    for (const { node: product } of data?.archived.edges ?? []) {
      for (const variant of product.variants) labels.set(variant.id, `${product.title} — ${variant.name}`);
    }
    for (const { node: product } of data?.products.edges ?? []) {
      for (const variant of product.variants) {
        const label = `${product.title} — ${variant.name}`;
        labels.set(variant.id, label);
        byKind[product.kind].push({ value: variant.id, label });
      }
    }
    return { byKind, labels };
  }, [data]);
  return { ...options, loading: loading && !data, error };
}

export interface VariantPickerProps {
  value: string[];
  onChange(value: string[]): void;
  error?: ReactNode;
}

/** A searchable multi-select of "product — ticket type", e-tickets and goods in separate groups. */
export function VariantPicker({ value, onChange, error }: VariantPickerProps) {
  const { t } = useTranslation();
  const { byKind, loading } = useVariantLabels();
  const data = KINDS.filter((kind) => byKind[kind].length).map((kind) => ({ group: t(`admin.catalog.kind.${kind}`), items: byKind[kind] }));
  return (
    <MultiSelect
      name="variantIds"
      label={t('admin.groups.variants')}
      description={t('admin.groups.variantsHint')}
      placeholder={value.length ? undefined : t('admin.groups.variantsPlaceholder')}
      nothingFoundMessage={loading ? t('common.loading') : t('admin.groups.nothingFound')}
      data={data}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      clearable
      hidePickedOptions
      withAsterisk
      data-testid="variant-picker"
    />
  );
}
