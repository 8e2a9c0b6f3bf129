import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, EmptyState, Group, Table, Text, Title } from '@mantine/core';
import { ConfirmModal, FormError, formatDate, PageLoader } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRowFragment } from '../../../gql/graphql';
import { StaffDisableDocument, StaffEnableDocument, StaffMembersDocument } from '../api/staff';
import { PermissionsModal } from './PermissionsModal';
import { StaffCreateModal } from './StaffCreateModal';

/** 管理者列表 (S4): admins and ticket clerks; create, edit an admin's permissions, disable and enable again (B9). */
export function StaffListPage() {
  const { t, i18n } = useTranslation();
  const { data, loading, error } = useQuery(StaffMembersDocument);
  const [disable] = useMutation(StaffDisableDocument);
  const [enable] = useMutation(StaffEnableDocument);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<StaffRowFragment | null>(null);
  const [disabling, setDisabling] = useState<StaffRowFragment | null>(null);
  const [enabling, setEnabling] = useState<StaffRowFragment | null>(null);
  const staff = data?.staffMembers.edges.map((e) => e.node) ?? [];

  return (
    <>
      <Group justify="space-between" mb="lg">
        <Title order={2}>{t('admin.staff.title')}</Title>
        <Button onClick={() => setCreating(true)} data-testid="staff-create">
          {t('admin.staff.create')}
        </Button>
      </Group>
      {error && <FormError>{t('common.networkError')}</FormError>}
      {loading && <PageLoader />}
      {data && !staff.length && <EmptyState title={t('admin.staff.empty')} />}
      {staff.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="sm" styles={{ td: { whiteSpace: 'nowrap' } }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('common.email')}</Table.Th>
                <Table.Th>{t('admin.staff.role')}</Table.Th>
                <Table.Th>{t('admin.staff.permissions')}</Table.Th>
                <Table.Th>{t('admin.staff.status')}</Table.Th>
                <Table.Th>{t('admin.staff.createdAt')}</Table.Th>
                <Table.Th>{t('admin.staff.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.map((member) => (
                <Table.Tr key={member.id} data-testid="staff-row" data-email={member.email ?? undefined}>
                  <Table.Td>{member.name}</Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>
                    <Badge miw="max-content" variant="light" color={member.role === 'TICKET_CLERK' ? 'orange' : 'teal'}>
                      {t(`admin.role.${member.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'normal' }}>
                    <Text size="sm">{member.permissions.map((p) => t(`admin.permission.${p}`)).join('、')}</Text>
                  </Table.Td>
                  <Table.Td>
                    {member.disabledAt ? <Badge miw="max-content" color="gray">{t('admin.staff.disabled')}</Badge> : <Badge miw="max-content" color="green">{t('admin.staff.active')}</Badge>}
                  </Table.Td>
                  <Table.Td>{formatDate(member.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => setEditing(member)} data-testid="staff-edit-permissions">
                        {t('admin.staff.editPermissions')}
                      </Button>
                      {member.disabledAt ? (
                        <Button size="xs" variant="light" color="green" onClick={() => setEnabling(member)} data-testid="staff-enable">
                          {t('admin.staff.enable')}
                        </Button>
                      ) : (
                        <Button size="xs" variant="light" color="red" onClick={() => setDisabling(member)} data-testid="staff-disable">
                          {t('admin.staff.disable')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <StaffCreateModal opened={creating} onClose={() => setCreating(false)} />
      <PermissionsModal member={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={!!disabling}
        onClose={() => setDisabling(null)}
        title={t('admin.staff.disableTitle')}
        confirmLabel={t('admin.staff.disable')}
        danger
        onConfirm={async () => {
          const { data: result } = await disable({ variables: { input: { staffId: disabling!.id } } });
          return result?.staffDisable.errors[0]?.message;
        }}
      >
        <Text>{t('admin.staff.disableConfirm', { name: disabling?.name })}</Text>
      </ConfirmModal>
      <ConfirmModal
        opened={!!enabling}
        onClose={() => setEnabling(null)}
        title={t('admin.staff.enableTitle')}
        confirmLabel={t('admin.staff.enable')}
        onConfirm={async () => {
          const { data: result } = await enable({ variables: { input: { staffId: enabling!.id } } });
          return result?.staffEnable.errors[0]?.message;
        }}
      >
        <Text>{t('admin.staff.enableConfirm', { name: enabling?.name })}</Text>
      </ConfirmModal>
    </>
  );
}
