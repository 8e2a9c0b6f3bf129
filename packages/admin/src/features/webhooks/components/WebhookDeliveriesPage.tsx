import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Code, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core';
import { FormError, formatDateTime, PageLoader } from '@ticket/ui';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { WebhookDeliveryRowFragment } from '../../../gql/graphql';
import { DELIVERY_PAGE, WebhookDeliveriesDocument, WebhookDeliveryRetryDocument, WebhookEndpointsDocument } from '../api/webhooks';
import { DeliveryStatusBadge } from './DeliveryStatusBadge';

function Attempts({ delivery }: { delivery: WebhookDeliveryRowFragment }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" data-testid="webhook-delivery-detail">
      <Text size="sm" fw={600}>
        {t('admin.webhooks.log.attempts')}
      </Text>
      {delivery.attempts.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.webhooks.log.noAttempts')}
        </Text>
      )}
      {delivery.attempts.map((a) => (
        <Text key={a.attempt} size="sm">
          #{a.attempt} · {formatDateTime(a.attemptedAt, i18n.language)} · {a.statusCode ?? '—'} · {a.durationMs != null ? t('admin.webhooks.log.durationMs', { ms: a.durationMs }) : '—'}
          {a.error ? ` · ${a.error}` : ''}
          {a.statusCode == null && !a.error ? ` · ${t('admin.webhooks.log.interrupted')}` : ''}
          {a.nextAttemptAt ? ` · ${t('admin.webhooks.log.nextAt', { time: formatDateTime(a.nextAttemptAt, i18n.language) })}` : ''}
        </Text>
      ))}
      <Text size="sm" fw={600}>
        {t('admin.webhooks.log.payload')}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {JSON.stringify(JSON.parse(delivery.payload), null, 2)}
      </Code>
    </Stack>
  );
}

/** One endpoint's delivery log (B1), newest first: status, attempts, HTTP status, duration and the answer's excerpt; retry and details per delivery. */
export function WebhookDeliveriesPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [first, setFirst] = useState(DELIVERY_PAGE);
  const endpoints = useQuery(WebhookEndpointsDocument);
  const { data, loading, error, refetch } = useQuery(WebhookDeliveriesDocument, { variables: { endpointId: id, first } });
  const [retry] = useMutation(WebhookDeliveryRetryDocument);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const endpoint = endpoints.data?.webhookEndpoints.find((e) => e.id === id);
  const connection = data?.webhookDeliveries;
  const deliveries = connection?.edges.map((e) => e.node) ?? [];

  async function retryDelivery(delivery: WebhookDeliveryRowFragment) {
    setNotice(null);
    setRetrying(delivery.id);
    try {
      const { data: result } = await retry({ variables: { input: { deliveryId: delivery.id } } });
      const refusal = result?.webhookDeliveryRetry.errors[0]?.message;
      setNotice(refusal ? { ok: false, text: refusal } : { ok: true, text: t('admin.webhooks.log.retried', { id: delivery.webhookId }) });
    } catch {
      setNotice({ ok: false, text: t('common.networkError') });
    } finally {
      setRetrying(null);
    }
  }

  return (
    <>
      <Anchor component={Link} to="/webhooks" size="sm">
        ← {t('admin.webhooks.log.back')}
      </Anchor>
      <Group justify="space-between" mt="xs" mb="lg">
        <Stack gap={0}>
          <Title order={2}>{t('admin.webhooks.log.title')}</Title>
          {endpoint && (
            <Text size="sm" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {endpoint.url}
            </Text>
          )}
        </Stack>
        <Button variant="default" onClick={() => void refetch()} data-testid="webhook-log-refresh">
          {t('admin.webhooks.log.refresh')}
        </Button>
      </Group>
      {notice &&
        (notice.ok ? (
          <Alert color="green" mb="md" role="status" data-testid="webhook-retry-notice">
            {notice.text}
          </Alert>
        ) : (
          <FormError mb="md">{notice.text}</FormError>
        ))}
      {error && <FormError>{t('common.networkError')}</FormError>}
      {loading && !data && <PageLoader />}
      {data && connection === null && <EmptyState title={t('admin.webhooks.log.notFound')} data-testid="webhook-log-not-found" />}
      {connection && !deliveries.length && <EmptyState title={t('admin.webhooks.log.empty')} data-testid="webhook-log-empty" />}
      {deliveries.length > 0 && (
        <Table.ScrollContainer minWidth={1100}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.webhooks.log.time')}</Table.Th>
                <Table.Th>{t('admin.webhooks.log.event')}</Table.Th>
                <Table.Th>webhook-id</Table.Th>
                <Table.Th>{t('admin.webhooks.log.status')}</Table.Th>
                <Table.Th>{t('admin.webhooks.log.attempt')}</Table.Th>
                <Table.Th>{t('admin.webhooks.log.duration')}</Table.Th>
                <Table.Th>{t('admin.webhooks.log.excerpt')}</Table.Th>
                <Table.Th>{t('admin.webhooks.log.nextAttempt')}</Table.Th>
                <Table.Th>{t('admin.webhooks.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.map((d) => (
                <Fragment key={d.id}>
                  <Table.Tr data-testid="webhook-delivery-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`admin.webhooks.eventType.${d.eventType}`, { defaultValue: d.eventType })}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {d.eventType}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{d.webhookId}</Code>
                    </Table.Td>
                    <Table.Td>
                      <DeliveryStatusBadge status={d.status} statusCode={d.statusCode} />
                    </Table.Td>
                    <Table.Td>{d.attempt}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.durationMs != null ? t('admin.webhooks.log.durationMs', { ms: d.durationMs }) : '—'}</Table.Td>
                    <Table.Td maw={280}>
                      <Text size="xs" ff="monospace" lineClamp={3} style={{ wordBreak: 'break-all' }} data-testid="webhook-delivery-excerpt">
                        {d.error ?? d.responseExcerpt ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt, i18n.language) : '—'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setOpen(open === d.id ? null : d.id)}
                          aria-expanded={open === d.id}
                          data-testid="webhook-delivery-toggle"
                        >
                          {t(open === d.id ? 'admin.webhooks.log.hide' : 'admin.webhooks.log.details')}
                        </Button>
                        <Button size="xs" variant="light" loading={retrying === d.id} onClick={() => void retryDelivery(d)} data-testid="webhook-delivery-retry">
                          {t('admin.webhooks.log.retry')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {open === d.id && (
                    <Table.Tr>
                      <Table.Td colSpan={9}>
                        <Attempts delivery={d} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {connection && (
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed">
            {t('admin.webhooks.log.count', { shown: deliveries.length, total: connection.totalCount })}
          </Text>
          {connection.pageInfo.hasNextPage && (
            <Button variant="default" loading={loading} onClick={() => setFirst(first + DELIVERY_PAGE)} data-testid="webhook-log-more">
              {t('admin.webhooks.log.loadMore')}
            </Button>
          )}
        </Group>
      )}
    </>
  );
}
