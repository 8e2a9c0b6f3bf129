import { useMutation } from '@apollo/client/react';
import { Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { FormError } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission, StaffRowFragment } from '../../../gql/graphql';
import { ADMIN_PERMISSIONS, StaffUpdatePermissionsDocument } from '../api/staff';

/** An admin's permissions are editable; a clerk's are fixed and the server says so (S1). */
export function PermissionsModal({ member, onClose }: { member: StaffRowFragment | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={!!member} onClose={onClose} title={member && t('admin.staff.permissionsTitle', { name: member.name })} size="lg" centered>
      {member && <PermissionsForm member={member} onDone={onClose} />}
    </Modal>
  );
}

function PermissionsForm({ member, onDone }: { member: StaffRowFragment; onDone(): void }) {
  const { t } = useTranslation();
  const [permissions, setPermissions] = useState<string[]>(member.permissions);
  const [update, { loading }] = useMutation(StaffUpdatePermissionsDocument);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await update({ variables: { input: { staffId: member.id, permissions: permissions as Permission[] } } });
      const refusal = data?.staffUpdatePermissions.errors[0];
      if (refusal) setError(refusal.message);
      else onDone();
    } catch {
      setError(t('common.networkError'));
    }
  }

  return (
    <form onSubmit={submit}>
      <Stack>
        <FormError>{error}</FormError>
        {member.role === 'TICKET_CLERK' && (
          <Text size="sm" c="dimmed">
            {t('admin.staff.roleHint')}
          </Text>
        )}
        <Checkbox.Group value={permissions} onChange={setPermissions}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {ADMIN_PERMISSIONS.map((p) => (
              <Checkbox key={p} name="permissions" value={p} label={t(`admin.permission.${p}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="permissions-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
