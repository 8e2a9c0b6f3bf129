import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, EmptyState, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormError, formatDate, PageLoader, useViewer } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ReferrerCreateDocument, ReferrersDocument } from '../api/reconciliation';

/** 1000 basis points -> "10%", 1250 -> "12.5%". */
export function formatRate(basisPoints: number): string {
  return `${Number((basisPoints / 100).toFixed(2))}%`;
}

/** "12.5" (percent, as typed) -> 1250 basis points; null when blank or not a number. */
export function percentToBasisPoints(value: string | number): number | null {
  if (value === '' || value === null) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

/** 推薦人: who brings buyers with a referral code (C3), and at what commission rate (A2). */
export function ReferrersPage() {
  const { t, i18n } = useTranslation();
  const canCreate = useViewer()?.permissions.includes('SETTINGS_MANAGE') ?? false;
  const { data, loading, error } = useQuery(ReferrersDocument);
  const referrers = data?.referrers ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('admin.referrers.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('admin.referrers.hint')}
          </Text>
        </div>
        <Button component={Link} to="/commission" variant="default" size="xs">
          {t('admin.referrers.toReport')}
        </Button>
      </Group>
      {canCreate && <ReferrerCreateForm />}
      <Paper withBorder p="md">
        {error && <FormError>{t('common.networkError')}</FormError>}
        {loading && <PageLoader />}
        {data && !referrers.length && <EmptyState title={t('admin.referrers.empty')} data-testid="referrers-empty" />}
        {referrers.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.referrers.name')}</Table.Th>
                  <Table.Th>{t('admin.referrers.code')}</Table.Th>
                  <Table.Th ta="right">{t('admin.referrers.rate')}</Table.Th>
                  <Table.Th>{t('admin.referrers.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {referrers.map((r) => (
                  <Table.Tr key={r.id} data-testid="referrer-row" data-code={r.code}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td ff="monospace">{r.code}</Table.Td>
                    <Table.Td ta="right" data-testid="referrer-rate" data-basis-points={r.commissionBasisPoints}>
                      {formatRate(r.commissionBasisPoints)}
                    </Table.Td>
                    <Table.Td>{formatDate(r.createdAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}

type Field = 'name' | 'code' | 'commissionBasisPoints';

function ReferrerCreateForm() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [rate, setRate] = useState<string | number>('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [create, { loading }] = useMutation(ReferrerCreateDocument, {
    refetchQueries: ({ data }) => (data?.referrerCreate.referrer ? [ReferrersDocument] : []),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setCreated(null);
    const basisPoints = percentToBasisPoints(rate);
    // Blank fields are named all at once; the server judges the rest (code format, taken, rate range).
    const blank: Partial<Record<Field, string>> = {};
    if (!name.trim()) blank.name = t('common.required');
    if (!code.trim()) blank.code = t('common.required');
    if (basisPoints === null) blank.commissionBasisPoints = t('admin.referrers.rateRequired');
    setFieldErrors(blank);
    if (basisPoints === null || Object.keys(blank).length) return;
    try {
      const { data } = await create({ variables: { input: { name: name.trim(), code: code.trim().toUpperCase(), commissionBasisPoints: basisPoints } } });
      const result = data?.referrerCreate;
      if (result?.referrer) {
        setCreated(result.referrer.name);
        setName('');
        setCode('');
        setRate('');
        return;
      }
      const byField: Partial<Record<Field, string>> = {};
      const other: string[] = [];
      for (const e of result?.errors ?? []) {
        if (e.field === 'name' || e.field === 'code' || e.field === 'commissionBasisPoints') byField[e.field] = [byField[e.field], e.message].filter(Boolean).join(' ');
        else other.push(e.message);
      }
      setFieldErrors(byField);
      setError(other.join(' ') || (Object.keys(byField).length ? null : t('common.unexpectedError')));
    } catch {
      setError(t('common.networkError'));
    }
  }

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('admin.referrers.create')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError>{error}</FormError>
          {created && (
            <Alert color="teal" data-testid="form-success" withCloseButton onClose={() => setCreated(null)} closeButtonLabel={t('common.close')}>
              {t('admin.referrers.created', { name: created })}
            </Alert>
          )}
          <Group align="flex-start" gap="md">
            <TextInput name="name" label={t('admin.referrers.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldErrors.name} withAsterisk w={220} />
            <TextInput
              name="code"
              label={t('admin.referrers.code')}
              description={t('admin.referrers.codeHint')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
              error={fieldErrors.code}
              withAsterisk
              w={220}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            <NumberInput
              name="rate"
              label={t('admin.referrers.rate')}
              description={t('admin.referrers.rateHint')}
              value={rate}
              onChange={setRate}
              min={0}
              max={100}
              decimalScale={2}
              suffix="%"
              error={fieldErrors.commissionBasisPoints}
              withAsterisk
              w={180}
            />
          </Group>
          <Group>
            <Button type="submit" loading={loading} data-testid="referrer-create-submit">
              {t('admin.referrers.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
