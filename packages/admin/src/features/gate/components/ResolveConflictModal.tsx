import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { FormError } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfflineConflictResolution, OfflineConflictResolveErrorCode, OfflineConflictRowFragment } from '../../../gql/graphql';
import { OfflineConflictResolveDocument } from '../api/offline';

/** The server's bound on a resolution note. */
export const NOTE_MAX = 2000;
const RESOLUTIONS = ['ACKNOWLEDGED', 'SAME_HOLDER', 'DUPLICATE_ENTRY'] as const satisfies readonly OfflineConflictResolution[];

/** Whether a refusal leaves the list stale (someone else resolved it, or it is gone) or as it was. */
function listIsStale(code: OfflineConflictResolveErrorCode): boolean {
  switch (code) {
    case 'ALREADY_RESOLVED':
    case 'CONFLICT_NOT_FOUND':
      return true;
    case 'INVALID_INPUT':
      return false;
  }
}

export interface ResolveConflictModalProps {
  /** The conflict to resolve; closed when null. */
  conflict: OfflineConflictRowFragment | null;
  onClose(): void;
  /** Resolved: the code, for the page's notice. */
  onResolved(code: string): void;
  /** Read the list again (after a refusal that makes it stale, or a resolution). */
  onStale(): void;
}

/**
 * B7, 處理 a conflict: the confirmation says what will happen (the books do not change, and it cannot be
 * edited afterwards), with what the admin concluded (default 已確認, focused first) and a note. Refusals by
 * their code, in the dialog, which stays open; one that makes the list stale reads it again.
 */
export function ResolveConflictModal({ conflict, onClose, onResolved, onStale }: ResolveConflictModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={!!conflict} onClose={onClose} title={t('admin.offline.conflicts.resolveTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {conflict && <ResolveForm key={conflict.id} conflict={conflict} onClose={onClose} onResolved={onResolved} onStale={onStale} />}
    </Modal>
  );
}

function ResolveForm({ conflict, onClose, onResolved, onStale }: Omit<ResolveConflictModalProps, 'conflict'> & { conflict: OfflineConflictRowFragment }) {
  const { t } = useTranslation();
  const [resolution, setResolution] = useState<OfflineConflictResolution>('ACKNOWLEDGED');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [resolve, { loading }] = useMutation(OfflineConflictResolveDocument);

  async function confirm() {
    setError(null);
    try {
      const { data } = await resolve({ variables: { input: { id: conflict.id, resolution, note: note.trim() || null } } });
      const payload = data?.offlineConflictResolve;
      if (!payload) throw new Error('no payload');
      const refusal = payload.errors[0];
      if (refusal) {
        setError(refusal.message);
        if (listIsStale(refusal.code)) onStale();
        return;
      }
      onResolved(conflict.code);
      onStale();
      onClose();
    } catch {
      setError(t('common.networkError'));
    }
  }

  return (
    <Stack gap="md" data-testid="resolve-form">
      <FormError>{error}</FormError>
      <Text>{t('admin.offline.conflicts.resolveConfirm', { code: conflict.code, product: `${conflict.productTitle} ${conflict.variantName}` })}</Text>
      <Radio.Group label={t('admin.offline.conflicts.resolution')} value={resolution} onChange={(value) => setResolution(value as OfflineConflictResolution)}>
        <Stack gap="xs" mt="xs">
          {RESOLUTIONS.map((r) => (
            <Radio key={r} value={r} label={t(`admin.offline.conflicts.resolutions.${r}`)} description={t(`admin.offline.conflicts.resolutionHints.${r}`)} data-testid={`resolution-${r}`} data-autofocus={r === 'ACKNOWLEDGED' || undefined} />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('admin.offline.conflicts.note')}
        placeholder={t('admin.offline.conflicts.notePlaceholder')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={NOTE_MAX}
        autosize
        minRows={2}
        data-testid="resolve-note"
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-testid="confirm-cancel">
          {t('common.cancel')}
        </Button>
        <Button loading={loading} onClick={() => void confirm()} data-testid="confirm-submit">
          {t('admin.offline.conflicts.resolveSubmit')}
        </Button>
      </Group>
    </Stack>
  );
}
