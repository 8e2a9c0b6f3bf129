import { Modal, Text } from '@mantine/core';
import { ConfirmModal } from '@ticket/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface EditDeleteDialogsProps<T extends { name: string }> {
  /** The item being changed (its form in a dialog), or null. */
  editing: T | null;
  /** The item asked to be deleted (a confirmation first), or null. */
  deleting: T | null;
  editTitle: string;
  deleteTitle: string;
  /** What deleting it means, in words. */
  deleteConfirm(item: T): string;
  /** The edit form; it calls `done(name)` once saved. */
  form(item: T, done: (name: string) => void, cancel: () => void): ReactNode;
  /** Deletes it; resolves to the server's refusal, or nothing when it is gone. */
  remove(item: T): Promise<string | null | undefined>;
  onClose(): void;
  /** After a save or a delete: the notice to show, with the item's name. */
  onDone(key: 'admin.lifecycle.updated' | 'admin.lifecycle.deleted', name: string): void;
}

/** The life cycle of a setting listed on a page: change it in a dialog, or delete it after a confirmation. */
export function EditDeleteDialogs<T extends { name: string }>({ editing, deleting, editTitle, deleteTitle, deleteConfirm, form, remove, onClose, onDone }: EditDeleteDialogsProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      <Modal opened={!!editing} onClose={onClose} title={editTitle} size="lg" centered>
        {editing &&
          form(
            editing,
            (name) => {
              onClose();
              onDone('admin.lifecycle.updated', name);
            },
            onClose,
          )}
      </Modal>
      <ConfirmModal
        opened={!!deleting}
        onClose={onClose}
        title={deleteTitle}
        confirmLabel={t('admin.lifecycle.delete')}
        danger
        onConfirm={async () => {
          const refusal = await remove(deleting!);
          if (!refusal) onDone('admin.lifecycle.deleted', deleting!.name);
          return refusal;
        }}
      >
        <Text>{deleting && deleteConfirm(deleting)}</Text>
      </ConfirmModal>
    </>
  );
}
