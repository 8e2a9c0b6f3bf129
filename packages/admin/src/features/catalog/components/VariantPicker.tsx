import { useQuery } from '@apollo/client/react';
import { MultiSelect } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductKind } from '../../../gql/graphql';
import { ArchivedVariantLabelsDocument, VariantOptionsDocument } from '../api/catalog';

const KINDS = ['TICKET', 'GOODS'] as const satisfies readonly ProductKind[];

/** Picker options ("product — ticket type") of drafts and products on sale, by kind. */
export function useVariantOptions() {
  const { data, loading, error } = useQuery(VariantOptionsDocument, { fetchPolicy: 'cache-and-network' });
  const byKind = useMemo(() => {
    const options: Record<ProductKind, { value: string; label: string }[]> = { TICKET: [], GOODS: [] };
    for (const { node: product } of data?.products.edges ?? []) {
      for (const variant of product.variants) options[product.kind].push({ value: variant.id, label: `${product.title} — ${variant.name}` });
    }
    return options;
  }, [data]);
  return { byKind, loading: loading && !data, error: !data ? error : undefined };
}

/** "product — ticket type" by variant id, archived products included, for naming what a group holds. */
export function useVariantLabels(): Map<string, string> {
  const current = useQuery(VariantOptionsDocument, { fetchPolicy: 'cache-and-network' });
  const archived = useQuery(ArchivedVariantLabelsDocument, { fetchPolicy: 'cache-and-network' });
  return useMemo(() => {
    const labels = new Map<string, string>();
    for (const data of [archived.data, current.data]) {
      for (const { node: product } of data?.products.edges ?? []) {
        for (const variant of product.variants) labels.set(variant.id, `${product.title} — ${variant.name}`);
      }
    }
    return labels;
  }, [current.data, archived.data]);
}

export interface VariantPickerProps {
  value: string[];
  onChange(value: string[]): void;
  error?: ReactNode;
}

/** A searchable multi-select of "product — ticket type", e-tickets and goods in separate groups. */
export function VariantPicker({ value, onChange, error }: VariantPickerProps) {
  const { t } = useTranslation();
  const { byKind, loading, error: loadError } = useVariantOptions();
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
      error={error ?? (loadError && t('admin.groups.loadFailed'))}
      searchable
      clearable
      hidePickedOptions
      withAsterisk
      data-testid="variant-picker"
    />
  );
}
