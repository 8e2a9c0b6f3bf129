import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Group, Notification, SegmentedControl, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { formatDateTime, useViewer } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListPage, useCursorPages, useKeptWhileLoading } from '../../../components/ListPage';
import type { OfflineActivityRowFragment, OfflineConflictRowFragment } from '../../../gql/graphql';
import { OfflineActivityDocument, OfflineConflictsDocument } from '../api/offline';
import { ResolveConflictModal } from './ResolveConflictModal';

export const OFFLINE_PAGE_SIZE = 20;

const TABS = ['conflicts', 'activity'] as const;
type Tab = (typeof TABS)[number];
const FILTERS = ['open', 'resolved', 'all'] as const;
type ConflictFilter = (typeof FILTERS)[number];
const RESOLVED_ARG: Record<ConflictFilter, boolean | undefined> = { open: false, resolved: true, all: undefined };

/**
 * 商品 > 離線核銷 (B7): the conflicts that offline redemption left for an admin (a code redeemed on two
 * devices: the first counts, the second never happened in the books), each marked resolved after a
 * confirmation; and every offline list downloaded and every sync. Read with CATALOG_MANAGE or REPORTS_READ;
 * resolving takes CATALOG_MANAGE. `?tab=activity` opens the second tab.
 */
export function OfflinePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'activity' ? 'activity' : 'conflicts';

  return (
    <Tabs value={tab} onChange={(value) => setParams(value === 'activity' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
      <Stack gap="lg">
        <div>
          <Title order={2}>{t('admin.offline.title')}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('admin.offline.intro')}
          </Text>
        </div>
        <Tabs.List>
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`offline-tab-${value}`}>
              {t(`admin.offline.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="conflicts">
          <ConflictsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="activity">
          <ActivityPanel />
        </Tabs.Panel>
      </Stack>
    </Tabs>
  );
}

function ConflictsPanel() {
  const { t } = useTranslation();
  const canResolve = useViewer()?.permissions.includes('CATALOG_MANAGE') ?? false;
  const [filter, setFilter] = useState<ConflictFilter>('open');
  const pages = useCursorPages(filter);
  const { data, loading, error, refetch } = useQuery(OfflineConflictsDocument, {
    variables: { resolved: RESOLVED_ARG[filter], first: OFFLINE_PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const page = useKeptWhileLoading(filter, data?.offlineConflicts);
  const [resolving, setResolving] = useState<OfflineConflictRowFragment | null>(null);
  const [resolvedCode, setResolvedCode] = useState<string | null>(null);

  return (
    <>
      <ListPage
        title={t('admin.offline.conflicts.title')}
        description={t('admin.offline.conflicts.hint')}
        items={page?.edges.map((e) => e.node)}
        busy={loading}
        error={error ? t('common.networkError') : null}
        empty={{
          title: t(filter === 'open' ? 'admin.offline.conflicts.empty' : filter === 'resolved' ? 'admin.offline.conflicts.emptyResolved' : 'admin.offline.conflicts.emptyAll'),
          description: t('admin.offline.conflicts.emptyHint'),
          testId: 'conflicts-empty',
        }}
        columns={[
          { key: 'code', header: t('admin.offline.conflicts.columns.code') },
          { key: 'product', header: t('admin.offline.conflicts.columns.product') },
          { key: 'winner', header: t('admin.offline.conflicts.columns.winner') },
          { key: 'loser', header: t('admin.offline.conflicts.columns.loser') },
          { key: 'createdAt', header: t('admin.offline.conflicts.columns.createdAt') },
          { key: 'status', header: t('admin.offline.conflicts.columns.status') },
        ]}
        row={(conflict) => <ConflictRow key={conflict.id} conflict={conflict} onResolve={canResolve ? () => setResolving(conflict) : undefined} />}
        minWidth={960}
        pager={
          page && {
            summary: `${t('admin.catalog.total', { count: page.totalCount })} · ${t('admin.catalog.pageOf', { page: pages.page })}`,
            testId: 'conflicts',
            hasPrevious: pages.hasPrevious,
            hasNext: page.pageInfo.hasNextPage && !loading,
            onPrevious: pages.previous,
            onNext: () => pages.next(page.pageInfo.endCursor),
          }
        }
      >
        {resolvedCode && (
          <Notification color="teal" role="status" withBorder onClose={() => setResolvedCode(null)} closeButtonProps={{ 'aria-label': t('admin.catalog.dismiss') }} data-testid="conflict-resolved">
            {t('admin.offline.conflicts.resolved', { code: resolvedCode })}
          </Notification>
        )}
        {!canResolve && (
          <Alert color="gray" variant="light" data-testid="conflicts-read-only">
            {t('admin.offline.conflicts.readOnly')}
          </Alert>
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="conflict-filter-label">
            {t('admin.offline.conflicts.filter')}
          </Text>
          <SegmentedControl
            aria-labelledby="conflict-filter-label"
            data-testid="conflict-filter"
            value={filter}
            onChange={(value) => setFilter(value as ConflictFilter)}
            data={FILTERS.map((f) => ({ value: f, label: t(`admin.offline.conflicts.filters.${f}`) }))}
            style={{ alignSelf: 'flex-start' }}
          />
        </Stack>
      </ListPage>
      <ResolveConflictModal conflict={resolving} onClose={() => setResolving(null)} onResolved={setResolvedCode} onStale={() => void refetch()} />
    </>
  );
}

/** One side of a conflict: who, on which device, when, how. */
function Party({ party, testId }: { party: OfflineConflictRowFragment['winner']; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="sm" fw={500}>
        {party.clerkName || '—'}
      </Text>
      <Text size="xs" ff={party.deviceId ? 'monospace' : undefined} c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {party.deviceId ?? t('admin.offline.conflicts.noDevice')}
      </Text>
      <Text size="xs" c="dimmed">
        {[party.at && formatDateTime(party.at, i18n.language), party.channel && t(`redemption.channel.${party.channel}`)].filter(Boolean).join('・')}
      </Text>
    </Stack>
  );
}

function ConflictRow({ conflict, onResolve }: { conflict: OfflineConflictRowFragment; onResolve?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid="conflict-row" data-conflict-id={conflict.id}>
      <Table.Td>
        <Text size="sm" ff="monospace" data-testid="conflict-code">
          {conflict.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{conflict.productTitle}</Text>
        <Text size="xs" c="dimmed">
          {conflict.variantName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Party party={conflict.winner} testId="conflict-winner" />
      </Table.Td>
      <Table.Td>
        <Party party={conflict.loser} testId="conflict-loser" />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(conflict.createdAt, i18n.language)}</Table.Td>
      <Table.Td data-testid="conflict-status">
        {conflict.resolvedAt ? (
          <Stack gap={2}>
            <Badge miw="max-content" variant="light" color="gray" tt="none">
              {conflict.resolution ? t(`admin.offline.conflicts.resolutions.${conflict.resolution}`) : t('admin.offline.conflicts.filters.resolved')}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('admin.offline.conflicts.resolvedBy', { name: conflict.resolvedByName ?? '—', time: formatDateTime(conflict.resolvedAt, i18n.language) })}
            </Text>
            {conflict.note && (
              <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                {conflict.note}
              </Text>
            )}
          </Stack>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Badge miw="max-content" variant="light" color="orange" tt="none">
              {t('admin.offline.conflicts.open')}
            </Badge>
            {onResolve && (
              <Button size="xs" variant="light" onClick={onResolve} aria-label={t('admin.offline.conflicts.resolveLabel', { code: conflict.code })} data-testid="conflict-resolve">
                {t('admin.offline.conflicts.resolve')}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ActivityPanel() {
  const { t } = useTranslation();
  const pages = useCursorPages('activity');
  const { data, loading, error } = useQuery(OfflineActivityDocument, {
    variables: { first: OFFLINE_PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const page = useKeptWhileLoading('activity', data?.offlineActivity);
  return (
    <ListPage
      title={t('admin.offline.activity.title')}
      description={t('admin.offline.activity.hint')}
      items={page?.edges.map((e) => e.node)}
      busy={loading}
      error={error ? t('common.networkError') : null}
      empty={{ title: t('admin.offline.activity.empty'), description: t('admin.offline.activity.emptyHint'), testId: 'activity-empty' }}
      columns={[
        { key: 'at', header: t('admin.offline.activity.columns.at') },
        { key: 'kind', header: t('admin.offline.activity.columns.kind') },
        { key: 'product', header: t('admin.offline.activity.columns.product') },
        { key: 'device', header: t('admin.offline.activity.columns.device') },
        { key: 'by', header: t('admin.offline.activity.columns.by') },
        { key: 'details', header: t('admin.offline.activity.columns.details') },
      ]}
      row={(activity) => <ActivityRow key={`${activity.kind}-${activity.id}`} activity={activity} />}
      minWidth={960}
      pager={
        page && {
          summary: `${t('admin.catalog.total', { count: page.totalCount })} · ${t('admin.catalog.pageOf', { page: pages.page })}`,
          testId: 'activity',
          hasPrevious: pages.hasPrevious,
          hasNext: page.pageInfo.hasNextPage && !loading,
          onPrevious: pages.previous,
          onNext: () => pages.next(page.pageInfo.endCursor),
        }
      }
    />
  );
}

function ActivityRow({ activity }: { activity: OfflineActivityRowFragment }) {
  const { t, i18n } = useTranslation();
  const details =
    activity.kind === 'SNAPSHOT'
      ? t('admin.offline.activity.snapshot', { count: activity.entries, time: activity.expiresAt ? formatDateTime(activity.expiresAt, i18n.language) : '—' })
      : t('admin.offline.activity.sync', {
          count: activity.entries,
          redeemed: activity.redeemed ?? 0,
          alreadySynced: activity.alreadySynced ?? 0,
          conflicts: activity.conflicts ?? 0,
          refused: activity.refused ?? 0,
        });
  return (
    <Table.Tr data-testid="activity-row" data-kind={activity.kind}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(activity.at, i18n.language)}</Table.Td>
      <Table.Td>
        <Badge miw="max-content" variant="light" color={activity.kind === 'SNAPSHOT' ? 'blue' : activity.conflicts ? 'orange' : 'teal'} tt="none">
          {t(`admin.offline.activity.kind.${activity.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{activity.productTitle}</Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {activity.deviceId}
        </Text>
      </Table.Td>
      <Table.Td>{activity.byName}</Table.Td>
      <Table.Td data-testid="activity-details">{details}</Table.Td>
    </Table.Tr>
  );
}
