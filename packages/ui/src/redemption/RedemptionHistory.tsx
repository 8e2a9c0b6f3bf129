import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import type { RedemptionRecord } from './documents';

/** R2: a code's redemptions, as the server lists them (newest first): when, how many, which way, which device, who. */
export function RedemptionHistory({ redemptions }: { redemptions: readonly RedemptionRecord[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={4} withRowBorders={false} data-testid="redemption-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('redemption.history.at')}</Table.Th>
            <Table.Th ta="right">{t('redemption.history.quantity')}</Table.Th>
            <Table.Th>{t('redemption.history.channel')}</Table.Th>
            <Table.Th>{t('redemption.history.device')}</Table.Th>
            <Table.Th>{t('redemption.history.by')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {redemptions.map((r) => (
            <Table.Tr key={r.id} data-testid="redemption-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt, i18n.language)}</Table.Td>
              <Table.Td ta="right">{r.quantity}</Table.Td>
              <Table.Td>{r.kind === 'REVERSAL' ? t('redemption.history.reversal', { reason: r.reason ?? '' }) : t(`redemption.channel.${r.channel}`)}</Table.Td>
              <Table.Td>{r.device || '—'}</Table.Td>
              <Table.Td>{r.redeemedBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
