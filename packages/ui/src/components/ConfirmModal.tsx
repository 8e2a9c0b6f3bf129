import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from './FormError';

export interface ConfirmModalProps {
  opened: boolean;
  title: ReactNode;
  /** What will happen, in words. */
  children: ReactNode;
  confirmLabel?: string;
  /** Red confirm button, for what can't be undone. */
  danger?: boolean;
  /** Does the thing; resolves to an error message to show, or nothing to close the dialog. */
  onConfirm(): Promise<string | null | undefined>;
  onClose(): void;
}

/** "Are you sure?" with the server's answer shown in place when it refuses. */
export function ConfirmModal({ opened, onClose, title, ...body }: ConfirmModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <ConfirmBody {...body} onClose={onClose} />
    </Modal>
  );
}

function ConfirmBody({ children, confirmLabel, danger, onConfirm, onClose }: Omit<ConfirmModalProps, 'opened' | 'title'>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const refusal = await onConfirm();
      if (refusal) setError(refusal);
      else onClose();
    } catch {
      setError(t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <FormError>{error}</FormError>
      {children}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-testid="confirm-cancel">
          {t('common.cancel')}
        </Button>
        <Button color={danger ? 'red' : undefined} loading={busy} onClick={confirm} data-testid="confirm-submit" data-autofocus>
          {confirmLabel ?? t('common.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
