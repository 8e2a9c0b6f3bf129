import { Button, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketCodeSearchField } from './documents';

export const SEARCH_FIELDS: TicketCodeSearchField[] = ['TICKET_NAME', 'CODE', 'RECIPIENT_NAME', 'RECIPIENT_PHONE', 'ORDER_NUMBER'];

export function isSearchField(value: unknown): value is TicketCodeSearchField {
  return SEARCH_FIELDS.includes(value as TicketCodeSearchField);
}

export interface TicketCodeSearch {
  field: TicketCodeSearchField;
  query: string;
}

export interface TicketCodeSearchFormProps {
  /** The search being shown (e.g. from the URL). */
  value: TicketCodeSearch;
  onSearch(search: TicketCodeSearch): void;
  size?: 'md' | 'lg' | 'xl';
}

const INPUT_MODE: Partial<Record<TicketCodeSearchField, 'tel' | 'text'>> = { RECIPIENT_PHONE: 'tel' };

/** R3: search the redemption list by ticket name, code, recipient name or phone, or order number. */
export function TicketCodeSearchForm({ value, onSearch, size = 'lg' }: TicketCodeSearchFormProps) {
  const { t } = useTranslation();
  const [field, setField] = useState(value.field);
  const [query, setQuery] = useState(value.query);
  const [shown, setShown] = useState(value);
  if (shown.field !== value.field || shown.query !== value.query) {
    setShown(value);
    setField(value.field);
    setQuery(value.query);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch({ field, query: query.trim() });
  }

  return (
    <form onSubmit={submit} role="search">
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="xs">
          <NativeSelect
            name="field"
            size={size}
            label={t('redemption.search.field')}
            value={field}
            onChange={(e) => setField(e.currentTarget.value as TicketCodeSearchField)}
            data={SEARCH_FIELDS.map((f) => ({ value: f, label: t(`redemption.search.fields.${f}`) }))}
            data-testid="search-field"
          />
          <TextInput
            name="query"
            type="search"
            size={size}
            label={t('redemption.search.query')}
            placeholder={t('redemption.search.queryPlaceholder')}
            value={query}
            inputMode={INPUT_MODE[field] ?? 'text'}
            autoComplete="off"
            autoCapitalize={field === 'CODE' || field === 'ORDER_NUMBER' ? 'characters' : 'off'}
            spellCheck={false}
            onChange={(e) => setQuery(e.currentTarget.value)}
            data-testid="search-query"
          />
        </SimpleGrid>
        <Button type="submit" size={size} data-testid="search-submit" fullWidth>
          {t('redemption.search.submit')}
        </Button>
      </Stack>
    </form>
  );
}
