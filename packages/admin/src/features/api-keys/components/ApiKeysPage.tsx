import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Code, EmptyState, Group, Notification, Table, Text, Title } from '@mantine/core';
import { ConfirmModal, FormError, formatDate, formatDateTime, PageLoader } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyRowFragment } from '../../../gql/graphql';
import { ApiKeyRevokeDocument, ApiKeysDocument } from '../api/apiKeys';
import { ApiKeyCreateModal } from './ApiKeyCreateModal';
import { ApiKeyEditModal } from './ApiKeyEditModal';

/** API keys for integrators (I1): created with scopes, the secret shown once, revocable. */
export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const { data, loading, error } = useQuery(ApiKeysDocument);
  const [revoke] = useMutation(ApiKeyRevokeDocument);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyRowFragment | null>(null);
  const [editing, setEditing] = useState<ApiKeyRowFragment | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const keys = data?.apiKeys ?? [];

  return (
    <>
      <Group justify="space-between" mb="lg">
        <Title order={2}>{t('admin.apiKeys.title')}</Title>
        <Button onClick={() => setCreating(true)} data-testid="api-key-create">
          {t('admin.apiKeys.create')}
        </Button>
      </Group>
      {saved && (
        <Notification color="teal" role="status" withBorder mb="md" onClose={() => setSaved(null)} data-testid="notice">
          {t('admin.lifecycle.updated', { name: saved })}
        </Notification>
      )}
      {error && <FormError>{t('common.networkError')}</FormError>}
      {loading && <PageLoader />}
      {data && !keys.length && <EmptyState title={t('admin.apiKeys.empty')} data-testid="api-keys-empty" />}
      {keys.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.apiKeys.name')}</Table.Th>
                <Table.Th>{t('admin.apiKeys.prefix')}</Table.Th>
                <Table.Th>{t('admin.apiKeys.scopes')}</Table.Th>
                <Table.Th>{t('admin.apiKeys.createdAt')}</Table.Th>
                <Table.Th>{t('admin.apiKeys.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.map((key) => (
                <Table.Tr key={key.id} data-testid="api-key-row">
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>
                    <Code>{key.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {key.scopes.map((scope) => (
                        <Badge key={scope} variant="light" tt="none">
                          {t(`admin.apiKeys.scope.${scope}`, { defaultValue: scope })}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDateTime(key.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Text size="sm" c="dimmed">
                        {t('admin.apiKeys.revokedAt', { date: formatDate(key.revokedAt, i18n.language) })}
                      </Text>
                    ) : (
                      <Badge color="green">{t('admin.apiKeys.active')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!key.revokedAt && (
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button size="xs" variant="light" onClick={() => setEditing(key)} aria-label={t('admin.lifecycle.editLabel', { name: key.name })} data-testid="api-key-edit">
                          {t('admin.catalog.edit')}
                        </Button>
                        <Button size="xs" variant="light" color="red" onClick={() => setRevoking(key)} data-testid="api-key-revoke">
                          {t('admin.apiKeys.revoke')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <ApiKeyCreateModal opened={creating} onClose={() => setCreating(false)} />
      <ApiKeyEditModal
        apiKey={editing}
        onClose={() => setEditing(null)}
        onSaved={(name) => {
          setEditing(null);
          setSaved(name);
        }}
      />
      <ConfirmModal
        opened={!!revoking}
        onClose={() => setRevoking(null)}
        title={t('admin.apiKeys.revokeTitle')}
        confirmLabel={t('admin.apiKeys.revoke')}
        danger
        onConfirm={async () => {
          const { data: result } = await revoke({ variables: { input: { apiKeyId: revoking!.id } } });
          return result?.apiKeyRevoke.errors[0]?.message;
        }}
      >
        <Text>{t('admin.apiKeys.revokeConfirm', { name: revoking?.name })}</Text>
      </ConfirmModal>
    </>
  );
}
