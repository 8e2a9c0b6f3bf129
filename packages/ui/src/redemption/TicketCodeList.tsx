import { Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketCodeRow } from './documents';
import { SplitCodesDialog } from './SplitCodesDialog';
import { StatusBadge } from './StatusBadge';

export interface TicketCodeListProps {
  rows: TicketCodeRow[];
  /** The redeem page of this app for a code (e.g. `/redeem/{code}?from=list`). */
  redeemTo(code: string): string;
  /** `cards` for phones (the clerk app), `table` for a desk (the admin app). */
  layout?: 'cards' | 'table';
}

/** X4: what a row offers: "前往核銷" for an active code, "查看" for a split original, nothing for the rest. */
function RowAction({ row, redeemTo, onViewSplit, size }: { row: TicketCodeRow; redeemTo(code: string): string; onViewSplit(): void; size: 'md' | 'lg' }) {
  const { t } = useTranslation();
  if (row.status === 'ACTIVE' && row.remainingQuantity > 0)
    return (
      <Button component={Link} to={redeemTo(row.code)} size={size} data-testid="go-redeem" fullWidth={size === 'lg'}>
        {t('redemption.list.goRedeem')}
      </Button>
    );
  if (row.status === 'SPLIT' && row.children.length > 0)
    return (
      <Button size={size} variant="light" color="orange" onClick={onViewSplit} data-testid="view-split" fullWidth={size === 'lg'}>
        {t('redemption.list.viewSplit')}
      </Button>
    );
  return null;
}

function Code({ row }: { row: TicketCodeRow }) {
  const { t } = useTranslation();
  return (
    <>
      <Text ff="monospace" size="sm" fw={600} data-testid="row-code" style={{ overflowWrap: 'anywhere' }}>
        {row.code}
      </Text>
      {row.parent && (
        <Badge variant="outline" color="gray" size="sm" tt="none">
          {t('redemption.card.splitCode')}
        </Badge>
      )}
    </>
  );
}

function Label({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed">
      {children}
    </Text>
  );
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** R3: the redemption list's results, as cards on a phone or a table on a desk. */
export function TicketCodeList({ rows, redeemTo, layout = 'cards' }: TicketCodeListProps) {
  const { t } = useTranslation();
  const [split, setSplit] = useState<TicketCodeRow | null>(null);

  const list =
    layout === 'table' ? (
      <Table.ScrollContainer minWidth={900}>
        {/* Headers, codes, quantities, badges and buttons on one line; names and titles wrap. */}
        <Table striped verticalSpacing="sm" styles={{ th: { whiteSpace: 'nowrap' } }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('redemption.list.code')}</Table.Th>
              <Table.Th>{t('redemption.list.ticket')}</Table.Th>
              <Table.Th>{t('redemption.list.holder')}</Table.Th>
              <Table.Th>{t('redemption.list.orderNumber')}</Table.Th>
              <Table.Th>{t('redemption.list.remaining')}</Table.Th>
              <Table.Th>{t('redemption.list.status')}</Table.Th>
              <Table.Th>{t('redemption.list.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.code} data-testid="code-row" data-code={row.code} data-status={row.status}>
                <Table.Td style={NOWRAP}>
                  <Code row={row} />
                </Table.Td>
                <Table.Td>
                  <Text fw={600}>{row.productTitle}</Text>
                  <Text size="sm">{row.variantName}</Text>
                </Table.Td>
                <Table.Td>
                  <Text>{row.holderName}</Text>
                  <Text size="sm">{row.holderPhoneMasked}</Text>
                </Table.Td>
                <Table.Td style={NOWRAP}>{row.orderNumber}</Table.Td>
                <Table.Td data-testid="row-remaining" style={NOWRAP}>
                  {row.remainingQuantity} / {row.quantity}
                </Table.Td>
                <Table.Td style={NOWRAP}>
                  <StatusBadge status={row.status} miw="max-content" />
                </Table.Td>
                <Table.Td style={NOWRAP}>
                  <RowAction row={row} redeemTo={redeemTo} onViewSplit={() => setSplit(row)} size="md" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    ) : (
      <Stack gap="sm">
        {rows.map((row) => (
          <Paper key={row.code} withBorder p="md" radius="lg" data-testid="code-row" data-code={row.code} data-status={row.status}>
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Box style={{ minWidth: 0 }}>
                  <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
                    {row.productTitle}
                  </Text>
                  <Text size="md">{row.variantName}</Text>
                </Box>
                <StatusBadge status={row.status} size="lg" style={{ flexShrink: 0 }} />
              </Group>
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
                <Box style={{ minWidth: 0 }}>
                  <Label>{t('redemption.list.code')}</Label>
                  <Code row={row} />
                </Box>
                <Box>
                  <Label>{t('redemption.list.remaining')}</Label>
                  <Text fw={700} size="lg" data-testid="row-remaining">
                    {row.remainingQuantity} / {row.quantity}
                  </Text>
                </Box>
                <Box>
                  <Label>{t('redemption.list.holder')}</Label>
                  <Text size="sm">{row.holderName}</Text>
                  <Text size="sm">{row.holderPhoneMasked}</Text>
                </Box>
                <Box>
                  <Label>{t('redemption.list.orderNumber')}</Label>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {row.orderNumber}
                  </Text>
                </Box>
              </SimpleGrid>
              <RowAction row={row} redeemTo={redeemTo} onViewSplit={() => setSplit(row)} size="lg" />
            </Stack>
          </Paper>
        ))}
      </Stack>
    );

  return (
    <>
      {list}
      <SplitCodesDialog code={split} onClose={() => setSplit(null)} redeemTo={redeemTo} />
    </>
  );
}
