import { Button, EmptyState, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { FormError, PageLoader } from '@ticket/ui';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ListColumn {
  key: string;
  header: ReactNode;
  align?: 'right';
  /** A header only screen readers read (an actions column). */
  visuallyHidden?: boolean;
}

export interface ListPager {
  /** "共 21 筆 · 第 2 頁" */
  summary: ReactNode;
  /** `products` -> products-total, products-prev, products-next. */
  testId: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}

export interface ListPageProps<T> {
  title: ReactNode;
  /** A line under the title. */
  description?: ReactNode;
  /** Beside the title (new-item buttons, a download). */
  actions?: ReactNode;
  /** Between the title and the list: notices, a create form, filters. */
  children?: ReactNode;
  maw?: number;
  /** The rows; undefined until the first answer. */
  items: readonly T[] | undefined;
  /** A refetch or the next page is on its way (the rows shown are the previous ones). */
  busy?: boolean;
  /** Shown instead of the list when nothing could be loaded. */
  error?: string | null;
  empty: { title: ReactNode; description?: ReactNode; testId: string };
  columns: ListColumn[];
  /** One `<Table.Tr>` per item. */
  row(item: T): ReactNode;
  minWidth: number;
  highlightOnHover?: boolean;
  /** Cells on one line (the wide lists scroll sideways instead). */
  nowrap?: boolean;
  pager?: ListPager;
  /** No list at all (the filters are invalid): the header and the children only. */
  hideList?: boolean;
}

/**
 * The admin's list pages (電子票券列表, 所有訂單, 限購群組, 任選折扣): a title, what goes above the list, then
 * the list's states in one order: an error when nothing could be loaded, a loader until the first
 * answer, the empty state, else the table and its pager.
 */
export function ListPage<T>(props: ListPageProps<T>) {
  const { title, description, actions, children, maw, hideList } = props;
  return (
    <Stack gap="lg" maw={maw}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={2}>{title}</Title>
          {description && (
            <Text c="dimmed" size="sm" mt={4}>
              {description}
            </Text>
          )}
        </div>
        {actions}
      </Group>
      {children}
      {!hideList && <ListBody {...props} />}
    </Stack>
  );
}

function ListBody<T>({ items, busy, error, empty, columns, row, minWidth, highlightOnHover, nowrap, pager }: ListPageProps<T>) {
  if (error && !items) return <FormError>{error}</FormError>;
  if (!items) return <PageLoader />;
  if (!items.length) return <EmptyState title={empty.title} description={empty.description} data-testid={empty.testId} />;
  return (
    <Stack gap="md" aria-busy={busy}>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped highlightOnHover={highlightOnHover} verticalSpacing="sm" styles={nowrap ? { td: { whiteSpace: 'nowrap' } } : undefined}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} ta={c.align}>
                  {c.visuallyHidden ? <VisuallyHidden>{c.header}</VisuallyHidden> : c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{items.map(row)}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pager && <Pager {...pager} busy={busy} />}
    </Stack>
  );
}

function Pager({ summary, testId, hasPrevious, hasNext, onPrevious, onNext, busy }: ListPager & { busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" data-testid={`${testId}-total`}>
        {summary}
      </Text>
      <Group gap="xs" role="navigation" aria-label={t('admin.catalog.pagination')}>
        <Button variant="default" size="xs" disabled={!hasPrevious} onClick={onPrevious} data-testid={`${testId}-prev`}>
          {t('admin.catalog.previous')}
        </Button>
        <Button variant="default" size="xs" disabled={!hasNext || busy} onClick={onNext} data-testid={`${testId}-next`}>
          {t('admin.catalog.next')}
        </Button>
      </Group>
    </Group>
  );
}

/**
 * Pages of a connection, forward by cursor and back by the cursors seen so far. A new `resetKey` (other
 * filters) starts again from the first page.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key: resetKey, cursors: [null] });
  const cursors = state.key === resetKey ? state.cursors : [null];
  return {
    after: cursors.at(-1) ?? null,
    /** 1 for the first page. */
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
    next: (endCursor: string | null | undefined) => setState({ key: resetKey, cursors: [...cursors, endCursor ?? null] }),
  };
}

/**
 * The last answer for these filters (`key`) while the next one loads: the next page keeps showing the
 * previous rows (busy), other filters show the loader.
 */
export function useKeptWhileLoading<T>(key: string, value: T | undefined): T | undefined {
  const last = useRef<{ key: string; value: T } | null>(null);
  if (value !== undefined) last.current = { key, value };
  return value ?? (last.current?.key === key ? last.current.value : undefined);
}

/** A row's 編輯 and 刪除 (that one asks first, elsewhere), named for screen readers: `testId`-edit, `testId`-delete. */
export function RowActions({ name, onEdit, onDelete, testId }: { name: string; onEdit(): void; onDelete(): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <Button size="xs" variant="light" onClick={onEdit} aria-label={t('admin.lifecycle.editLabel', { name })} data-testid={`${testId}-edit`}>
        {t('admin.catalog.edit')}
      </Button>
      <Button size="xs" variant="subtle" color="red" onClick={onDelete} aria-label={t('admin.lifecycle.deleteLabel', { name })} data-testid={`${testId}-delete`}>
        {t('admin.lifecycle.delete')}
      </Button>
    </Group>
  );
}
