import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ConfirmModal, FormError, formatDateTime, PageLoader } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WebhookEndpointRowFragment } from '../../../gql/graphql';
import { WebhookEndpointDeleteDocument, WebhookEndpointsDocument, WebhookEndpointUpdateDocument } from '../api/webhooks';
import { DeliveryStatusBadge } from './DeliveryStatusBadge';
import { WebhookEndpointModal } from './WebhookEndpointModal';
import { WebhookSecretOnce } from './WebhookSecretOnce';

function EndpointStatus({ endpoint }: { endpoint: WebhookEndpointRowFragment }) {
  const { t } = useTranslation();
  if (endpoint.enabled) return <Badge miw="max-content" color="green">{t('admin.webhooks.active')}</Badge>;
  return (
    <Stack gap={2}>
      <Badge miw="max-content" color={endpoint.disabledReason === 'FAILING' ? 'red' : 'gray'}>
        {t('admin.webhooks.disabled')}
      </Badge>
      {endpoint.disabledReason === 'FAILING' && (
        <Text size="xs" c="red">
          {t('admin.webhooks.disabledFailing')}
        </Text>
      )}
    </Stack>
  );
}

/** 管理中心 > Webhooks (B1): endpoints with their events and last delivery; create, edit, rotate the secret, delete, and each one's delivery log. */
export function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const { data, loading, error } = useQuery(WebhookEndpointsDocument);
  const [update] = useMutation(WebhookEndpointUpdateDocument);
  const [remove] = useMutation(WebhookEndpointDeleteDocument, { refetchQueries: [WebhookEndpointsDocument] });
  const [editing, setEditing] = useState<WebhookEndpointRowFragment | 'new' | null>(null);
  const [rotating, setRotating] = useState<WebhookEndpointRowFragment | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpointRowFragment | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const endpoints = data?.webhookEndpoints ?? [];

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Title order={2}>{t('admin.webhooks.title')}</Title>
        <Button onClick={() => setEditing('new')} data-testid="webhook-create">
          {t('admin.webhooks.create')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm" mb="lg">
        {t('admin.webhooks.intro')}
      </Text>
      {error && <FormError>{t('common.networkError')}</FormError>}
      {loading && <PageLoader />}
      {data && !endpoints.length && <EmptyState title={t('admin.webhooks.empty')} description={t('admin.webhooks.emptyHint')} data-testid="webhooks-empty" />}
      {endpoints.length > 0 && (
        <Table.ScrollContainer minWidth={960}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.webhooks.url')}</Table.Th>
                <Table.Th>{t('admin.webhooks.events')}</Table.Th>
                <Table.Th>{t('admin.webhooks.status')}</Table.Th>
                <Table.Th>{t('admin.webhooks.lastDelivery')}</Table.Th>
                <Table.Th>{t('admin.webhooks.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {endpoints.map((endpoint) => (
                <Table.Tr key={endpoint.id} data-testid="webhook-row">
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    <Text size="sm" ff="monospace">
                      {endpoint.url}
                    </Text>
                    {endpoint.description && (
                      <Text size="xs" c="dimmed">
                        {endpoint.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {endpoint.events.map((type) => (
                        <Badge key={type} variant="light" tt="none">
                          {t(`admin.webhooks.eventType.${type}`, { defaultValue: type })}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <EndpointStatus endpoint={endpoint} />
                  </Table.Td>
                  <Table.Td>
                    {endpoint.lastDelivery ? (
                      <Stack gap={2}>
                        <DeliveryStatusBadge status={endpoint.lastDelivery.status} statusCode={endpoint.lastDelivery.statusCode} />
                        <Text size="xs" c="dimmed">
                          {formatDateTime(endpoint.lastDelivery.attemptedAt ?? endpoint.lastDelivery.createdAt, i18n.language)}
                        </Text>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('admin.webhooks.never')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={`/webhooks/${endpoint.id}`} size="sm" data-testid="webhook-deliveries">
                        {t('admin.webhooks.deliveries')}
                      </Anchor>
                      <Button size="xs" variant="light" onClick={() => setEditing(endpoint)} data-testid="webhook-edit">
                        {t('admin.webhooks.edit')}
                      </Button>
                      <Button size="xs" variant="light" color="orange" onClick={() => setRotating(endpoint)} data-testid="webhook-rotate">
                        {t('admin.webhooks.rotate')}
                      </Button>
                      <Button size="xs" variant="light" color="red" onClick={() => setDeleting(endpoint)} data-testid="webhook-delete">
                        {t('admin.webhooks.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <WebhookEndpointModal opened={editing !== null} endpoint={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSecret={setSecret} />
      <WebhookSecretOnce secret={secret} onClose={() => setSecret(null)} />
      <ConfirmModal
        opened={!!rotating}
        onClose={() => setRotating(null)}
        title={t('admin.webhooks.rotateTitle')}
        confirmLabel={t('admin.webhooks.rotate')}
        danger
        onConfirm={async () => {
          const { data: result } = await update({ variables: { input: { id: rotating!.id, rotateSecret: true } } });
          const payload = result?.webhookEndpointUpdate;
          if (payload?.secret) setSecret(payload.secret);
          return payload?.errors[0]?.message ?? (payload?.secret ? null : t('common.unexpectedError'));
        }}
      >
        <Text>{t('admin.webhooks.rotateConfirm', { url: rotating?.url })}</Text>
      </ConfirmModal>
      <ConfirmModal
        opened={!!deleting}
        onClose={() => setDeleting(null)}
        title={t('admin.webhooks.deleteTitle')}
        confirmLabel={t('admin.webhooks.delete')}
        danger
        onConfirm={async () => {
          const { data: result } = await remove({ variables: { input: { id: deleting!.id } } });
          return result?.webhookEndpointDelete.errors[0]?.message;
        }}
      >
        <Text>{t('admin.webhooks.deleteConfirm', { url: deleting?.url })}</Text>
      </ConfirmModal>
    </>
  );
}
