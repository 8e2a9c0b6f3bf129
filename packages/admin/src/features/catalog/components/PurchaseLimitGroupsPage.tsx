import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, List, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormError } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDeleteDialogs } from '../../../components/EditDeleteDialogs';
import { ListPage, RowActions } from '../../../components/ListPage';
import type { PurchaseLimitGroupsQuery } from '../../../gql/graphql';
import { PurchaseLimitGroupCreateDocument, PurchaseLimitGroupDeleteDocument, PurchaseLimitGroupsDocument, PurchaseLimitGroupUpdateDocument } from '../api/catalog';
import { allMessages, groupFieldErrors, type FieldErrors } from '../lib/fieldErrors';
import { fieldError } from './FieldMessages';
import { SuccessNotice, type Notice } from './SuccessNotice';
import { useVariantLabels, VariantPicker } from './VariantPicker';

type LimitGroup = PurchaseLimitGroupsQuery['purchaseLimitGroups'][number];

const toInt = (value: number | string): number | '' => (typeof value === 'number' && Number.isFinite(value) ? value : '');

/** 限購群組 (C2): a set of ticket types with a most-per-customer; list, create, change and delete. */
export function PurchaseLimitGroupsPage() {
  const { t } = useTranslation();
  const { data, error } = useQuery(PurchaseLimitGroupsDocument);
  const labels = useVariantLabels();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [editing, setEditing] = useState<LimitGroup | null>(null);
  const [deleting, setDeleting] = useState<LimitGroup | null>(null);
  const [remove] = useMutation(PurchaseLimitGroupDeleteDocument, { refetchQueries: [PurchaseLimitGroupsDocument] });

  return (
    <>
      <ListPage
        maw={1100}
        title={t('admin.purchaseLimits.title')}
        description={t('admin.purchaseLimits.hint')}
        items={data?.purchaseLimitGroups}
        error={error ? t('admin.groups.loadFailed') : null}
        empty={{ title: t('admin.purchaseLimits.empty'), testId: 'groups-empty' }}
        columns={[
          { key: 'name', header: t('admin.purchaseLimits.columns.name') },
          { key: 'maxQuantity', header: t('admin.purchaseLimits.columns.maxQuantity') },
          { key: 'variants', header: t('admin.purchaseLimits.columns.variants') },
          { key: 'actions', header: t('admin.catalog.columns.actions'), visuallyHidden: true },
        ]}
        minWidth={760}
        row={(group) => (
          <Table.Tr key={group.id} data-testid="group-row" data-group-id={group.id}>
            <Table.Td fw={500}>{group.name}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Badge variant="light" miw="max-content">
                {t('admin.purchaseLimits.limit', { count: group.maxQuantity })}
              </Badge>
            </Table.Td>
            <Table.Td>
              <List size="sm" spacing={2}>
                {group.variants.map((v) => (
                  <List.Item key={v.id}>{labels.get(v.id) ?? v.name}</List.Item>
                ))}
              </List>
            </Table.Td>
            <Table.Td>
              <RowActions name={group.name} onEdit={() => setEditing(group)} onDelete={() => setDeleting(group)} testId="group" />
            </Table.Td>
          </Table.Tr>
        )}
      >
        <SuccessNotice notice={notice} onClose={() => setNotice(null)} />
        <PurchaseLimitGroupForm onSaved={(name) => setNotice({ key: 'admin.purchaseLimits.created', values: { name } })} />
      </ListPage>
      <EditDeleteDialogs
        editing={editing}
        deleting={deleting}
        editTitle={t('admin.lifecycle.editGroup')}
        deleteTitle={t('admin.lifecycle.deleteGroupTitle')}
        deleteConfirm={(group) => t('admin.lifecycle.deleteGroupConfirm', { name: group.name })}
        form={(group, done, cancel) => <PurchaseLimitGroupForm group={group} onSaved={done} onCancel={cancel} />}
        remove={async (group) => (await remove({ variables: { input: { id: group.id } } })).data?.purchaseLimitGroupDelete.errors[0]?.message}
        onClose={() => (setEditing(null), setDeleting(null))}
        onDone={(key, name) => setNotice({ key, values: { name } })}
      />
    </>
  );
}

/** Creates a group, or with `group` changes that one (for checkouts from now on). */
function PurchaseLimitGroupForm({ group, onSaved, onCancel }: { group?: LimitGroup; onSaved(name: string): void; onCancel?(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(group?.name ?? '');
  const [maxQuantity, setMaxQuantity] = useState<number | ''>(group?.maxQuantity ?? '');
  const [variantIds, setVariantIds] = useState<string[]>(group?.variants.map((v) => v.id) ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [create, { loading: creating }] = useMutation(PurchaseLimitGroupCreateDocument);
  const [update, { loading: updating }] = useMutation(PurchaseLimitGroupUpdateDocument);
  const loading = creating || updating;
  const client = useApolloClient();
  const messages = allMessages(errors);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // What can't be sent at all (a blank number) is caught here, with the other blanks, in one go.
    if (maxQuantity === '') {
      const required = [t('common.required')];
      setErrors({ maxQuantity: required, ...(name.trim() ? {} : { name: required }), ...(variantIds.length ? {} : { variantIds: required }) });
      return;
    }
    setErrors({});
    try {
      const input = { name, maxQuantity, variantIds };
      const refusals = group
        ? ((await update({ variables: { input: { ...input, id: group.id } } })).data?.purchaseLimitGroupUpdate.errors ?? [])
        : ((await create({ variables: { input } })).data?.purchaseLimitGroupCreate.errors ?? []);
      if (refusals.length) return setErrors(groupFieldErrors(refusals));
      // Refetched only on success (a refusal changed nothing); a failed refetch only leaves the list stale.
      await Promise.resolve(client.refetchQueries({ include: [PurchaseLimitGroupsDocument] })).catch(() => undefined);
      onSaved(name.trim());
      if (group) return;
      setName('');
      setMaxQuantity('');
      setVariantIds([]);
    } catch {
      setErrors({ '': [t('common.networkError')] });
    }
  }

  return (
    <Paper withBorder={!group} p={group ? 0 : 'lg'} component="section">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!group && (
            <Title order={3} size="h4">
              {t('admin.purchaseLimits.createTitle')}
            </Title>
          )}
          <FormError>{messages.length ? messages.join(' ') : null}</FormError>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput name="name" label={t('admin.groups.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(errors, 'name')} withAsterisk />
            <NumberInput
              name="maxQuantity"
              label={t('admin.purchaseLimits.maxQuantity')}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              inputMode="numeric"
              value={maxQuantity}
              onChange={(v) => setMaxQuantity(toInt(v))}
              error={fieldError(errors, 'maxQuantity')}
              withAsterisk
            />
          </SimpleGrid>
          <VariantPicker value={variantIds} onChange={setVariantIds} error={fieldError(errors, 'variantIds')} />
          {group && <Text size="sm" c="dimmed">{t('admin.lifecycle.pastOrdersKeepLimits')}</Text>}
          <Group justify="flex-end">
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
            <Button type="submit" loading={loading} data-testid={group ? 'group-save-submit' : 'group-create-submit'}>
              {group ? t('admin.lifecycle.save') : t('admin.groups.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
