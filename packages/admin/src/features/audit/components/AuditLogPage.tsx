import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, EmptyState, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { FormError, formatDateTime, PageLoader } from '@ticket/ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CsvExportButton } from '../../../components/CsvExportButton';
import type { AuditEventsQuery } from '../../../gql/graphql';
import { AuditEventsDocument, AuditFilterChoicesDocument } from '../api/audit';
import {
  actionKey,
  auditCsvUrl,
  EMPTY_FILTER,
  isFiltered,
  rangeReversed,
  readAuditFilter,
  showValue,
  toApiFilter,
  writeAuditFilter,
  type AuditFilterState,
} from '../lib/auditFilter';

export const AUDIT_PAGE_SIZE = 50;

/** The kinds of object the server records (AuditEvent.objectType). */
export const OBJECT_TYPES = [
  'staff',
  'account',
  'api_key',
  'settings',
  'product',
  'purchase_limit_group',
  'mix_match_discount',
  'order',
  'redemption',
  'referrer',
  'webhook_endpoint',
  'webhook_delivery',
  'offline_snapshot',
  'offline_conflict',
] as const;

type AuditNode = AuditEventsQuery['auditEvents']['edges'][number]['node'];

/**
 * 管理中心 > 操作紀錄 (B5): every privileged action, newest first, filtered by who, what, which object and
 * which days (Taipei), a page at a time, with the same list as CSV. The filter lives in the address, so a
 * filtered view can be shared.
 */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<AuditFilterState>(() => readAuditFilter(params));
  const written = useRef(params.toString());
  useEffect(() => {
    if (params.toString() === written.current) return;
    written.current = params.toString();
    setFilter(readAuditFilter(params));
  }, [params]);
  const change = (next: AuditFilterState) => {
    setFilter(next);
    const address = writeAuditFilter(next);
    written.current = address.toString();
    setParams(address, { replace: true });
  };
  const set = (field: keyof AuditFilterState) => (value: string) => change({ ...filter, [field]: value });
  const reversed = rangeReversed(filter);

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('admin.audit.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.audit.hint')}
        </Text>
      </div>
      <Filters filter={filter} set={set} reversed={reversed} onClear={() => change(EMPTY_FILTER)} />
      {reversed ? (
        <Text c="dimmed" size="sm" data-testid="audit-range-reversed">
          {t('admin.audit.rangeReversed')}
        </Text>
      ) : (
        <Events key={JSON.stringify(toApiFilter(filter))} filter={filter} />
      )}
    </Stack>
  );
}

function Filters({ filter, set, reversed, onClear }: { filter: AuditFilterState; set: (field: keyof AuditFilterState) => (value: string) => void; reversed: boolean; onClear(): void }) {
  const { t } = useTranslation();
  const { data } = useQuery(AuditFilterChoicesDocument, { fetchPolicy: 'cache-and-network' });
  const actorOptions = useMemo(() => {
    const actors = data?.auditActors ?? [];
    const options = actors.map((a) => ({ value: a.id ?? '', label: `${a.name} (${t(`admin.audit.actorType.${a.type}`)})` }));
    // A filter from the address that the list does not know (yet) stays selectable.
    if (filter.actorId && !options.some((o) => o.value === filter.actorId)) options.push({ value: filter.actorId, label: filter.actorId });
    return [{ value: '', label: t('admin.audit.anyActor') }, ...options];
  }, [data, filter.actorId, t]);
  const actionOptions = useMemo(() => {
    const actions = data?.auditActions ?? [];
    const all = filter.action && !actions.includes(filter.action) ? [...actions, filter.action] : actions;
    return [{ value: '', label: t('admin.audit.anyAction') }, ...all.map((a) => ({ value: a, label: actionLabel(t, a) }))];
  }, [data, filter.action, t]);
  const objectOptions = [{ value: '', label: t('admin.audit.anyObject') }, ...OBJECT_TYPES.map((o) => ({ value: o, label: t(`admin.audit.objectTypes.${o}`) }))];

  return (
    <Paper withBorder p="md">
      <Group align="flex-end" gap="md" wrap="wrap">
        <NativeSelect label={t('admin.audit.actor')} data={actorOptions} value={filter.actorId} onChange={(e) => set('actorId')(e.currentTarget.value)} data-testid="audit-filter-actor" miw={200} />
        <NativeSelect label={t('admin.audit.action')} data={actionOptions} value={filter.action} onChange={(e) => set('action')(e.currentTarget.value)} data-testid="audit-filter-action" miw={200} />
        <NativeSelect label={t('admin.audit.objectType')} data={objectOptions} value={filter.objectType} onChange={(e) => set('objectType')(e.currentTarget.value)} data-testid="audit-filter-object-type" />
        <TextInput label={t('admin.audit.objectId')} value={filter.objectId} onChange={(e) => set('objectId')(e.currentTarget.value)} data-testid="audit-filter-object-id" miw={200} />
        <TextInput type="date" label={t('admin.audit.from')} value={filter.from} max={filter.to || undefined} onChange={(e) => set('from')(e.currentTarget.value)} data-testid="audit-filter-from" />
        <TextInput
          type="date"
          label={t('admin.audit.to')}
          value={filter.to}
          min={filter.from || undefined}
          onChange={(e) => set('to')(e.currentTarget.value)}
          error={reversed ? t('admin.audit.rangeReversedShort') : undefined}
          data-testid="audit-filter-to"
        />
        {isFiltered(filter) && (
          <Button variant="subtle" onClick={onClear} data-testid="audit-filter-clear">
            {t('admin.audit.clear')}
          </Button>
        )}
        <div style={{ marginLeft: 'auto' }}>
          <CsvExportButton href={auditCsvUrl(filter)} testId="audit-download" label={t('admin.audit.download')} />
        </div>
      </Group>
    </Paper>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function actionLabel(t: T, action: string): string {
  return t(`admin.audit.actions.${actionKey(action)}`, { defaultValue: action });
}

/** One filter's events, a page at a time (keyset: the cursors of the pages seen, to go back). */
function Events({ filter }: { filter: AuditFilterState }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const { data, error, loading, refetch } = useQuery(AuditEventsDocument, {
    variables: { filter: toApiFilter(filter), first: AUDIT_PAGE_SIZE, after: cursors[page] },
    fetchPolicy: 'cache-and-network',
  });
  const events = data?.auditEvents;

  if (error && !events) {
    return (
      <FormError>
        {t('admin.audit.loadFailed')}{' '}
        <Anchor component="button" type="button" size="sm" onClick={() => void refetch()} data-testid="audit-retry">
          {t('admin.audit.retry')}
        </Anchor>
      </FormError>
    );
  }
  if (!events) return <PageLoader />;
  if (!events.edges.length && page === 0) {
    return (
      <Paper withBorder p="md">
        <EmptyState
          title={t(isFiltered(filter) ? 'admin.audit.emptyFiltered' : 'admin.audit.empty')}
          description={t(isFiltered(filter) ? 'admin.audit.emptyFilteredHint' : 'admin.audit.emptyHint')}
          data-testid="audit-empty"
        />
      </Paper>
    );
  }
  const first = page * AUDIT_PAGE_SIZE + 1;
  return (
    <Stack gap="sm" aria-busy={loading}>
      <Paper withBorder p="md">
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing={6} highlightOnHover data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.audit.columns.at')}</Table.Th>
                <Table.Th>{t('admin.audit.columns.actor')}</Table.Th>
                <Table.Th>{t('admin.audit.columns.action')}</Table.Th>
                <Table.Th>{t('admin.audit.columns.object')}</Table.Th>
                <Table.Th>{t('admin.audit.columns.changes')}</Table.Th>
                <Table.Th>{t('admin.audit.columns.address')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.edges.map(({ node }) => (
                <EventRow key={node.id} event={node} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="audit-count">
          {t('admin.audit.count', { from: first, to: first + events.edges.length - 1, total: events.totalCount })}
        </Text>
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={page === 0} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="audit-previous">
            {t('admin.audit.previous')}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!events.pageInfo.hasNextPage || !events.pageInfo.endCursor}
            onClick={() => setCursors([...cursors, events.pageInfo.endCursor ?? null])}
            data-testid="audit-next"
          >
            {t('admin.audit.next')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function EventRow({ event }: { event: AuditNode }) {
  const { t, i18n } = useTranslation();
  const failed = event.action.endsWith('.failed');
  return (
    <Table.Tr data-testid="audit-row" data-action={event.action} data-id={event.id}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at, i18n.language)}</Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm" fw={500} data-testid="audit-actor">
            {event.actor.name || t('admin.audit.unknownActor')}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`admin.audit.actorType.${event.actor.type}`)}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={failed ? 'red' : 'gray'} tt="none" data-testid="audit-action">
          {actionLabel(t, event.action)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t(`admin.audit.objectTypes.${event.objectType}`, { defaultValue: event.objectType })}</Text>
        {event.objectId && (
          <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {event.objectId}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {event.changes.length ? (
          <Stack gap={2} data-testid="audit-changes">
            {event.changes.map((c) => (
              <Text key={c.field} size="xs" data-testid="audit-change" data-field={c.field}>
                <Text span fw={600} size="xs">
                  {c.field}
                </Text>
                {': '}
                <Text span c="dimmed" size="xs" td={c.before != null ? 'line-through' : undefined}>
                  {showValue(c.before)}
                </Text>
                {' → '}
                {showValue(c.after)}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="xs" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" ff="monospace" data-testid="audit-address">
          {event.ipAddress ?? '—'}
        </Text>
        {event.userAgent && (
          <Tooltip label={event.userAgent} multiline w={320} withinPortal>
            <Text size="xs" c="dimmed" lineClamp={1} maw={220} data-testid="audit-user-agent">
              {event.userAgent}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
