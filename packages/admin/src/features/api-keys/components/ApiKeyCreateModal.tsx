import { useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, Stack, TextInput } from '@mantine/core';
import { FormError } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiKeyCreateDocument, ApiKeysDocument, SCOPES } from '../api/apiKeys';

/** Name and scopes, then the secret: shown here once, with a copy button. */
export function ApiKeyCreateModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setSecret(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t(secret ? 'admin.apiKeys.secretTitle' : 'admin.apiKeys.create')}
      closeOnClickOutside={!secret}
      size="lg"
      centered
    >
      {secret ? <SecretOnce secret={secret} onClose={close} /> : <ApiKeyForm onCreated={setSecret} onCancel={close} />}
    </Modal>
  );
}

function ApiKeyForm({ onCreated, onCancel }: { onCreated(secret: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [create, { loading }] = useMutation(ApiKeyCreateDocument, { refetchQueries: [ApiKeysDocument] });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await create({ variables: { input: { name: name.trim(), scopes } } });
      const result = data?.apiKeyCreate;
      if (result?.secret) onCreated(result.secret);
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="api-key-create-submit">
            {t('admin.apiKeys.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SecretOnce({ secret, onClose }: { secret: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="yellow">{t('admin.apiKeys.secretHint')}</Alert>
      <Code block data-testid="api-key-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {secret}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button color={copied ? 'teal' : undefined} onClick={copy} data-testid="api-key-copy">
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
      </Group>
    </Stack>
  );
}
