import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, EmptyState, Group, List, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormError, PageLoader } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PurchaseLimitGroupCreateDocument, PurchaseLimitGroupsDocument } from '../api/catalog';
import { allMessages, groupFieldErrors, type FieldErrors } from '../lib/fieldErrors';
import { fieldError } from './FieldMessages';
import { SuccessNotice, type Notice } from './SuccessNotice';
import { useVariantLabels, VariantPicker } from './VariantPicker';

const toInt = (value: number | string): number | '' => (typeof value === 'number' && Number.isFinite(value) ? value : '');

/** 限購群組 (C2): a set of ticket types with a most-per-customer; list and create. */
export function PurchaseLimitGroupsPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(PurchaseLimitGroupsDocument);
  const labels = useVariantLabels();
  const [notice, setNotice] = useState<Notice | null>(null);
  const groups = data?.purchaseLimitGroups ?? [];

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('admin.purchaseLimits.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('admin.purchaseLimits.hint')}
        </Text>
      </div>
      <SuccessNotice notice={notice} onClose={() => setNotice(null)} />
      <PurchaseLimitGroupForm onCreated={(name) => setNotice({ key: 'admin.purchaseLimits.created', values: { name } })} />
      {error && <FormError>{t('admin.groups.loadFailed')}</FormError>}
      {loading && !data && <PageLoader />}
      {data && !groups.length && <EmptyState title={t('admin.purchaseLimits.empty')} data-testid="groups-empty" />}
      {groups.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.purchaseLimits.columns.name')}</Table.Th>
                <Table.Th>{t('admin.purchaseLimits.columns.maxQuantity')}</Table.Th>
                <Table.Th>{t('admin.purchaseLimits.columns.variants')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((group) => (
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
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function PurchaseLimitGroupForm({ onCreated }: { onCreated(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [maxQuantity, setMaxQuantity] = useState<number | ''>('');
  const [variantIds, setVariantIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [create, { loading }] = useMutation(PurchaseLimitGroupCreateDocument);
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
      const { data } = await create({ variables: { input: { name, maxQuantity, variantIds } } });
      const refusals = data?.purchaseLimitGroupCreate.errors ?? [];
      if (refusals.length) return setErrors(groupFieldErrors(refusals));
      // Refetched only on success (a refusal changed nothing); a failed refetch only leaves the list stale.
      await Promise.resolve(client.refetchQueries({ include: [PurchaseLimitGroupsDocument] })).catch(() => undefined);
      onCreated(name.trim());
      setName('');
      setMaxQuantity('');
      setVariantIds([]);
    } catch {
      setErrors({ '': [t('common.networkError')] });
    }
  }

  return (
    <Paper withBorder p="lg" component="section">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={3} size="h4">
            {t('admin.purchaseLimits.createTitle')}
          </Title>
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
          <Group justify="flex-end">
            <Button type="submit" loading={loading} data-testid="group-create-submit">
              {t('admin.groups.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
