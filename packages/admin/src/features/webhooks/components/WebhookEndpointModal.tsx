import { useMutation } from '@apollo/client/react';
import { Button, Checkbox, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { FormError } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookEndpointCreateErrorCode, WebhookEndpointRowFragment, WebhookEndpointUpdateErrorCode } from '../../../gql/graphql';
import { WEBHOOK_EVENTS, WebhookEndpointCreateDocument, WebhookEndpointsDocument, WebhookEndpointUpdateDocument } from '../api/webhooks';

type ErrorCode = WebhookEndpointCreateErrorCode | WebhookEndpointUpdateErrorCode;
interface FieldErrors {
  url?: string;
  events?: string;
  form?: string;
}

/** Where each refusal is shown: beside its field, or above the form. */
function placeError(errors: FieldErrors, error: { code: ErrorCode; message: string }): FieldErrors {
  switch (error.code) {
    case 'INVALID_URL':
    case 'URL_NOT_HTTPS':
      return { ...errors, url: error.message };
    case 'EVENTS_REQUIRED':
    case 'UNKNOWN_EVENT_TYPE':
      return { ...errors, events: error.message };
    case 'TOO_MANY_ENDPOINTS':
    case 'ENDPOINT_NOT_FOUND':
    case 'INVALID_INPUT':
      return { ...errors, form: [errors.form, error.message].filter(Boolean).join(' ') };
  }
}

/**
 * Create (endpoint = null) or edit an endpoint: URL, description, events, and when editing whether it is
 * enabled. A new endpoint's secret goes to `onSecret` (shown once by the page).
 */
export function WebhookEndpointModal({
  opened,
  endpoint,
  onClose,
  onSecret,
}: {
  opened: boolean;
  endpoint: WebhookEndpointRowFragment | null;
  onClose(): void;
  onSecret(secret: string): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(endpoint ? 'admin.webhooks.editTitle' : 'admin.webhooks.createTitle')} size="lg" centered>
      {opened && <EndpointForm key={endpoint?.id ?? 'new'} endpoint={endpoint} onDone={onClose} onSecret={onSecret} />}
    </Modal>
  );
}

function EndpointForm({ endpoint, onDone, onSecret }: { endpoint: WebhookEndpointRowFragment | null; onDone(): void; onSecret(secret: string): void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(endpoint?.url ?? 'https://');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [events, setEvents] = useState<string[]>(endpoint?.events ?? []);
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [create, creating] = useMutation(WebhookEndpointCreateDocument, { refetchQueries: [WebhookEndpointsDocument] });
  const [update, updating] = useMutation(WebhookEndpointUpdateDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    try {
      if (endpoint) {
        const { data } = await update({ variables: { input: { id: endpoint.id, url: url.trim(), events, description: description.trim(), enabled } } });
        const result = data?.webhookEndpointUpdate;
        if (result?.endpoint) return onDone();
        setErrors((result?.errors ?? []).reduce<FieldErrors>(placeError, result ? {} : { form: t('common.unexpectedError') }));
      } else {
        const { data } = await create({ variables: { input: { url: url.trim(), events, description: description.trim() || null } } });
        const result = data?.webhookEndpointCreate;
        if (result?.secret) {
          onDone();
          return onSecret(result.secret);
        }
        setErrors((result?.errors ?? []).reduce<FieldErrors>(placeError, result ? {} : { form: t('common.unexpectedError') }));
      }
    } catch {
      setErrors({ form: t('common.networkError') });
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError>{errors.form}</FormError>
        <TextInput
          name="url"
          type="url"
          label={t('admin.webhooks.url')}
          description={t('admin.webhooks.urlHint')}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={errors.url}
          withAsterisk
          data-autofocus
        />
        <TextInput name="description" label={t('admin.webhooks.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Checkbox.Group label={t('admin.webhooks.events')} value={events} onChange={setEvents} error={errors.events} withAsterisk>
          <Stack gap="xs" mt="xs">
            {WEBHOOK_EVENTS.map((type) => (
              <Checkbox key={type} name="events" value={type} label={`${t(`admin.webhooks.eventType.${type}`)} (${type})`} />
            ))}
          </Stack>
        </Checkbox.Group>
        {endpoint && (
          <Switch
            name="enabled"
            label={t('admin.webhooks.enabled')}
            description={t('admin.webhooks.enabledHint')}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={creating.loading || updating.loading} data-testid="webhook-submit">
            {t(endpoint ? 'common.save' : 'admin.webhooks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
