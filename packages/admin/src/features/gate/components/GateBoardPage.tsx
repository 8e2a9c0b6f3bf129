import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, EmptyState, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { BUSINESS_TIME_ZONE, FormError, PageLoader } from '@ticket/ui';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { GateBoardProductsDocument } from '../api/gate';
import { subscribeGateCounts, type GateCounts, type SubscribeGateCounts } from '../lib/live';
import { GATE_POLL_MS, useGateCounts, type GateMode } from '../lib/useGateCounts';

const number = new Intl.NumberFormat('en-US');

/** 14:03:22, Taipei time. */
function clock(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-US' : 'zh-TW', { timeZone: BUSINESS_TIME_ZONE, timeStyle: 'medium', hourCycle: 'h23' }).format(new Date(iso));
}

const MODE_COLOR: Record<GateMode, string> = { connecting: 'gray', live: 'green', reconnecting: 'orange', polling: 'yellow' };

export interface GateBoardPageProps {
  /** How the counts are pushed (graphql-ws by default; tests give their own). */
  subscribe?: SubscribeGateCounts;
}

/**
 * 商品 > 入場即時看板 (B2), for a screen at the gate: per product sold, redeemed today and remaining, per clerk
 * redeemed today, in large figures, pushed by the gateCounts subscription the moment anyone redeems. When the
 * socket cannot be used, the same counts are asked for every 10 s, and the page says so. `?product=<id>`
 * keeps one product on the screen (also one nobody redeemed today).
 */
export function GateBoardPage({ subscribe = subscribeGateCounts }: GateBoardPageProps) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const productId = params.get('product') || null;
  const { counts, mode, pollFailed, reconnect } = useGateCounts(productId, subscribe);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2}>{t('admin.gate.title')}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('admin.gate.intro')}
          </Text>
        </div>
        <Group align="flex-end" gap="md">
          <ProductFilter productId={productId} onChange={(id) => setParams(id ? { product: id } : {}, { replace: true })} />
          <ConnectionStatus mode={mode} at={counts?.at ?? null} />
        </Group>
      </Group>
      {mode === 'polling' && (
        <Alert color="yellow" variant="light" data-testid="gate-polling">
          <Group justify="space-between" gap="sm">
            <Text size="sm">{t('admin.gate.pollingNotice', { seconds: GATE_POLL_MS / 1000 })}</Text>
            <Button size="xs" variant="default" onClick={reconnect} data-testid="gate-reconnect">
              {t('admin.gate.reconnect')}
            </Button>
          </Group>
        </Alert>
      )}
      {pollFailed && <FormError>{t('admin.gate.pollFailed')}</FormError>}
      {counts ? <Board counts={counts} filtered={!!productId} /> : <PageLoader />}
    </Stack>
  );
}

/** 連線中 (live) / 重新連線中 / 每 10 秒更新 (said to screen readers as it changes), and when the numbers were read. */
function ConnectionStatus({ mode, at }: { mode: GateMode; at: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={2} align="flex-end" data-testid="gate-status" data-mode={mode}>
      <div role="status">
        <Badge
          size="lg"
          variant="light"
          color={MODE_COLOR[mode]}
          tt="none"
          leftSection={<span aria-hidden style={{ width: 10, height: 10, borderRadius: '50%', background: 'currentColor', display: 'inline-block' }} />}
          data-testid="gate-mode"
        >
          {t(`admin.gate.mode.${mode}`, { seconds: GATE_POLL_MS / 1000 })}
        </Badge>
      </div>
      {at && (
        <Text size="xs" c="dimmed" data-testid="gate-updated-at">
          {t('admin.gate.updatedAt', { time: clock(at, i18n.language) })}
        </Text>
      )}
    </Stack>
  );
}

function ProductFilter({ productId, onChange }: { productId: string | null; onChange(id: string): void }) {
  const { t } = useTranslation();
  const { data } = useQuery(GateBoardProductsDocument, { fetchPolicy: 'cache-and-network' });
  const options = useMemo(() => {
    const products = data?.products.edges.map((e) => ({ value: e.node.id, label: e.node.title })) ?? [];
    // A product from the address that the list does not hold (archived, or not loaded yet) stays chosen.
    if (productId && !products.some((p) => p.value === productId)) products.push({ value: productId, label: t('admin.gate.otherProduct') });
    return [{ value: '', label: t('admin.gate.allProducts') }, ...products];
  }, [data, productId, t]);
  return (
    <NativeSelect label={t('admin.gate.product')} data={options} value={productId ?? ''} onChange={(e) => onChange(e.currentTarget.value)} miw={240} data-testid="gate-product-filter" />
  );
}

function Board({ counts, filtered }: { counts: GateCounts; filtered: boolean }) {
  const { t } = useTranslation();
  if (!counts.products.length) {
    return (
      <Paper withBorder p="md">
        <EmptyState
          title={t(filtered ? 'admin.gate.emptyProduct' : 'admin.gate.empty')}
          description={t(filtered ? 'admin.gate.emptyProductHint' : 'admin.gate.emptyHint')}
          data-testid="gate-empty"
        />
      </Paper>
    );
  }
  const total = counts.products.reduce((sum, p) => sum + p.redeemedToday, 0);
  return (
    <Stack gap="lg" data-testid="gate-board">
      {counts.products.length > 1 && (
        <Text size="xl" fw={600} data-testid="gate-total">
          {t('admin.gate.total', { count: total, formatted: number.format(total) })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: counts.products.length > 1 ? 2 : 1 }} spacing="lg">
        {counts.products.map((p) => (
          <Paper key={p.productId} withBorder p="lg" component="section" aria-labelledby={`gate-product-${p.productId}`} data-testid="gate-product" data-product-id={p.productId}>
            <Title order={3} id={`gate-product-${p.productId}`} mb="md">
              {p.title}
            </Title>
            <SimpleGrid cols={3} spacing="md">
              <Figure label={t('admin.gate.sold')} value={p.sold} testId="gate-sold" />
              <Figure label={t('admin.gate.redeemedToday')} value={p.redeemedToday} testId="gate-redeemed" strong />
              <Figure label={t('admin.gate.remaining')} value={p.remaining} testId="gate-remaining" />
            </SimpleGrid>
          </Paper>
        ))}
      </SimpleGrid>
      <Clerks clerks={counts.clerks} />
    </Stack>
  );
}

/** A label over a number large enough to read from across the gate. */
function Figure({ label, value, testId, strong }: { label: string; value: number; testId: string; strong?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="lg" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={{ base: 40, sm: 56, xl: 72 }} fw={800} lh={1.1} c={strong ? 'teal' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {number.format(value)}
      </Text>
    </Stack>
  );
}

function Clerks({ clerks }: { clerks: GateCounts['clerks'] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="gate-clerks-title">
      <Title order={3} id="gate-clerks-title" mb="sm">
        {t('admin.gate.clerks')}
      </Title>
      {clerks.length ? (
        <Table verticalSpacing="xs" fz="xl">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.gate.clerk')}</Table.Th>
              <Table.Th ta="right">{t('admin.gate.redeemedToday')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clerks.map((c) => (
              <Table.Tr key={c.clerkId} data-testid="gate-clerk" data-clerk-id={c.clerkId}>
                <Table.Td fw={500}>{c.name || '—'}</Table.Td>
                <Table.Td ta="right" fz={32} fw={800} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="gate-clerk-redeemed">
                  {number.format(c.redeemedToday)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text c="dimmed" data-testid="gate-clerks-empty">
          {t('admin.gate.noClerks')}
        </Text>
      )}
    </Paper>
  );
}
