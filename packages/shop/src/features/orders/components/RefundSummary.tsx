import { Badge, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDateTime, formatMoney } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { RefundSummary_RefundFragment } from '../../../gql/graphql';
import { CodeText } from './CodeText';

/** F3: the order's one refund, as the buyer sees it (the platform's fee share is the store's business). */
export const RefundSummaryFragment = graphql(`
  fragment RefundSummary_refund on Refund {
    id
    amount
    kind
    createdAt
    codes {
      code
      quantity
      amount
    }
  }
`);

/** F2/F7/F8: what was refunded, when, and which codes (each whole). */
export function RefundSummary({ refund }: { refund: RefundSummary_RefundFragment }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="refund-title" data-testid="refund-summary" style={{ borderColor: 'var(--mantine-color-grape-3)' }}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="refund-title">
            {t('shop.refund.title')}
          </Title>
          <Badge color="grape" variant="light" data-testid="refund-kind" data-kind={refund.kind}>
            {t(`shop.refund.kind.${refund.kind}`)}
          </Badge>
        </Group>
        <Group justify="space-between" align="flex-end" gap="xs">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('shop.refund.amount')}
            </Text>
            <Text fw={800} size="xl" c="grape.9" data-testid="refund-amount" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatMoney(refund.amount)}
            </Text>
          </Stack>
          <Stack gap={0} align="flex-end">
            <Text size="xs" c="dimmed">
              {t('shop.refund.createdAt')}
            </Text>
            <Text size="sm">{formatDateTime(refund.createdAt, i18n.language)}</Text>
          </Stack>
        </Group>
        {refund.codes.length > 0 && (
          <>
            <Divider />
            <Text size="sm" fw={600}>
              {t('shop.refund.codes')}
            </Text>
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {refund.codes.map((c) => (
                <Group key={c.code} component="li" justify="space-between" gap="xs" wrap="nowrap" data-testid="refund-code" data-code={c.code}>
                  <CodeText code={c.code} size="sm" fw={600} />
                  <Group gap="sm" wrap="nowrap">
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {t('shop.refund.quantity', { count: c.quantity })}
                    </Text>
                    <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {formatMoney(c.amount)}
                    </Text>
                  </Group>
                </Group>
              ))}
            </Stack>
          </>
        )}
        <Text size="xs" c="dimmed">
          {t('shop.refund.toCard')}
        </Text>
      </Stack>
    </Paper>
  );
}
