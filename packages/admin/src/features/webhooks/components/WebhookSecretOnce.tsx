import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The signing secret, shown once after creating an endpoint or rotating its secret: a warning, the secret and a copy button. */
export function WebhookSecretOnce({ secret, onClose }: { secret: string | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={!!secret} onClose={onClose} title={t('admin.webhooks.secretTitle')} closeOnClickOutside={false} size="lg" centered>
      {secret && (
        <Stack>
          <Alert color="yellow" title={t('admin.webhooks.secretWarning')}>
            {t('admin.webhooks.secretHint')}
          </Alert>
          <Code block data-testid="webhook-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} aria-label={t('admin.webhooks.secretTitle')}>
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button color={copied ? 'teal' : undefined} onClick={copy} data-testid="webhook-secret-copy" data-autofocus>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose} data-testid="webhook-secret-close">
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
