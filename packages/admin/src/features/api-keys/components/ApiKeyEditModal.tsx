import { useMutation } from '@apollo/client/react';
import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { FormError } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyRowFragment } from '../../../gql/graphql';
import { ApiKeyUpdateDocument, SCOPES } from '../api/apiKeys';

/** I1: a key's name and scopes, changed in place; its integrator gets the new scopes at once. */
export function ApiKeyEditModal({ apiKey, onClose, onSaved }: { apiKey: ApiKeyRowFragment | null; onClose(): void; onSaved(name: string): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={!!apiKey} onClose={onClose} title={t('admin.lifecycle.editApiKey')} size="lg" centered>
      {apiKey && <ApiKeyEditForm apiKey={apiKey} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function ApiKeyEditForm({ apiKey, onCancel, onSaved }: { apiKey: ApiKeyRowFragment; onCancel(): void; onSaved(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(apiKey.name);
  const [scopes, setScopes] = useState<string[]>(apiKey.scopes);
  const [error, setError] = useState<string | null>(null);
  const [update, { loading }] = useMutation(ApiKeyUpdateDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await update({ variables: { input: { id: apiKey.id, name: name.trim(), scopes } } });
      const result = data?.apiKeyUpdate;
      if (result?.apiKey) onSaved(result.apiKey.name);
      else setError(result?.errors.map((e) => e.message).join(' ') || t('common.unexpectedError'));
    } catch {
      setError(t('common.networkError'));
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError>{error}</FormError>
        <TextInput name="name" label={t('admin.apiKeys.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} withAsterisk data-autofocus />
        <Checkbox.Group label={t('admin.apiKeys.scopes')} value={scopes} onChange={setScopes}>
          <Stack gap="xs" mt="xs">
            {SCOPES.map((scope) => (
              <Checkbox key={scope} name="scopes" value={scope} label={`${t(`admin.apiKeys.scope.${scope}`)} (${scope})`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Text size="sm" c="dimmed">
          {t('admin.lifecycle.apiKeyScopesHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="api-key-save-submit">
            {t('admin.lifecycle.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
