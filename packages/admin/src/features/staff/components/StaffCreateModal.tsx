import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, NativeSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { FormError } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../gql/graphql';
import { StaffCreateDocument, StaffMembersDocument } from '../api/staff';

const ROLES = ['ADMIN', 'TICKET_CLERK'] as const satisfies readonly Role[];

/** 新增管理者: an admin (all admin permissions, editable later) or a ticket clerk (電子票券門市). */
export function StaffCreateModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('admin.staff.createTitle')} centered>
      <StaffCreateForm onDone={onClose} />
    </Modal>
  );
}

function StaffCreateForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ name: '', email: '', password: '', role: 'ADMIN' as Role });
  const [create, { loading }] = useMutation(StaffCreateDocument, { refetchQueries: [StaffMembersDocument], awaitRefetchQueries: true });
  const [errors, setErrors] = useState<{ message: string; field?: string | null }[]>([]);
  const set = (field: keyof typeof values) => (e: { currentTarget: { value: string } }) => setValues({ ...values, [field]: e.currentTarget.value });
  const invalid = (field: string) => errors.some((e) => e.field?.split('.').pop() === field);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors([]);
    try {
      const { data } = await create({ variables: { input: { ...values, name: values.name.trim(), email: values.email.trim() } } });
      const refusals = data?.staffCreate.errors ?? [];
      if (refusals.length) setErrors(refusals);
      else onDone();
    } catch {
      setErrors([{ message: t('common.networkError') }]);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError>{errors.map((e) => e.message).join(' ')}</FormError>
        <TextInput name="name" label={t('common.name')} value={values.name} onChange={set('name')} error={invalid('name')} withAsterisk data-autofocus />
        <TextInput name="email" type="email" label={t('common.email')} value={values.email} onChange={set('email')} error={invalid('email')} withAsterisk />
        <PasswordInput
          name="password"
          label={t('common.password')}
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={invalid('password')}
          withAsterisk
        />
        <NativeSelect
          name="role"
          label={t('admin.staff.role')}
          description={values.role === 'TICKET_CLERK' ? t('admin.staff.roleHint') : t('admin.staff.allPermissions')}
          value={values.role}
          onChange={set('role')}
          data={ROLES.map((role) => ({ value: role, label: t(`admin.role.${role}`) }))}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="staff-create-submit">
            {t('admin.staff.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
