import { Alert, Badge, Box, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format';
import type { RedeemTicket } from './documents';
import { historyLine } from './history-line';
import { RedemptionHistory } from './RedemptionHistory';
import { StatusBadge } from './StatusBadge';
import { validityAt } from './validity';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={500} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Box>
  );
}

export interface TicketCardProps {
  ticket: RedeemTicket;
  /** How many past redemptions to list (newest first); 5 lines by default, all of them in a table. */
  historyLimit?: number;
  /** `lines`: short lines for a phone (the clerk app); `table`: a table with the device too (the admin app). */
  historyLayout?: 'lines' | 'table';
  /** Below the details, e.g. the quantity and redeem button. */
  children?: ReactNode;
}

/**
 * R4: what the clerk checks before redeeming: product and ticket type, remaining of total, holder (name,
 * masked phone), order number, validity and status, plus the code's past redemptions (R2).
 */
export function TicketCard({ ticket, historyLayout = 'lines', historyLimit = historyLayout === 'table' ? Infinity : 5, children }: TicketCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const validity = validityAt(ticket);
  const from = ticket.validFrom && formatDate(ticket.validFrom, language);
  const until = ticket.validUntil && formatDate(ticket.validUntil, language);
  const validityText =
    from && until
      ? `${from} – ${until}`
      : from
        ? t('redemption.card.validFromOnly', { from })
        : until
          ? t('redemption.card.validUntilOnly', { until })
          : t('redemption.card.validAlways');
  const history = ticket.redemptions.slice(0, historyLimit);

  return (
    <Paper withBorder shadow="sm" p="md" radius="lg" data-testid="ticket-card" data-code={ticket.code} data-status={ticket.status}>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <StatusBadge status={ticket.status} size="xl" />
          {ticket.parent && (
            <Badge variant="outline" color="gray" size="lg" tt="none">
              {t('redemption.card.splitFrom', { code: ticket.parent.code })}
            </Badge>
          )}
        </Group>
        <Box>
          <Title order={3} data-testid="ticket-title" style={{ overflowWrap: 'anywhere' }}>
            {ticket.productTitle}
          </Title>
          <Text size="lg" data-testid="ticket-variant">
            {t('redemption.card.ticketTypeValue', { name: ticket.variantName })}
          </Text>
        </Box>

        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <Box>
            <Text size="sm" c="dimmed">
              {t('redemption.card.remainingOfTotal')}
            </Text>
            <Text fz={44} fw={800} lh={1.1} data-testid="ticket-remaining" c={ticket.remainingQuantity > 0 ? undefined : 'dimmed'}>
              {ticket.remainingQuantity} / {ticket.quantity}
            </Text>
          </Box>
          <Text size="sm" c="dimmed" ta="right">
            {t('redemption.card.redeemed')} {ticket.redeemedQuantity}
            {ticket.refundedQuantity > 0 && (
              <>
                <br />
                {t('redemption.card.refunded')} {ticket.refundedQuantity}
              </>
            )}
          </Text>
        </Group>

        <Text ff="monospace" size="md" data-testid="ticket-code" style={{ overflowWrap: 'anywhere' }}>
          {ticket.code}
        </Text>

        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <Field label={t('redemption.card.holder')} testId="ticket-holder">
            {ticket.holderName}
          </Field>
          <Field label={t('redemption.card.phone')} testId="ticket-phone">
            {ticket.holderPhoneMasked}
          </Field>
          <Field label={t('redemption.card.orderNumber')} testId="ticket-order">
            {ticket.orderNumber}
          </Field>
          <Field label={t('redemption.card.validity')} testId="ticket-validity">
            {validityText}
          </Field>
        </SimpleGrid>
        {ticket.status === 'ACTIVE' && validity !== 'valid' && (
          <Alert color="orange" variant="light" data-testid="ticket-validity-warning">
            {t(validity === 'notYet' ? 'redemption.card.notYetValid' : 'redemption.card.expired')}
          </Alert>
        )}

        {children}

        <Divider label={t('redemption.card.history')} labelPosition="left" />
        {history.length && historyLayout === 'table' ? (
          <div data-testid="ticket-history">
            <RedemptionHistory redemptions={history} />
          </div>
        ) : history.length ? (
          <Stack gap={4} data-testid="ticket-history">
            {history.map((r) => (
              <Text key={r.id} size="sm" c="dimmed">
                {historyLine(t, r, language)}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('redemption.card.noHistory')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
