import { useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LedgerConsistencyDocument } from '../api/reconciliation';

/**
 * Proves a period's books on request: the statement equals the ledger, and for every code
 * sold = redeemed + refunded + outstanding. Asking again checks again.
 */
export function ConsistencyCheck({ period, size = 'xs' }: { period: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const { data, loading, error, refetch } = useQuery(LedgerConsistencyDocument, {
    variables: { period },
    skip: !asked,
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });
  const result = data?.ledgerConsistency;

  return (
    <Stack gap={4} align="flex-start">
      <Button
        size={size}
        variant="light"
        loading={loading}
        onClick={() => (asked ? void refetch() : setAsked(true))}
        data-testid="consistency-check"
      >
        {t(result ? 'admin.reconciliation.consistency.checkAgain' : 'admin.reconciliation.consistency.check')}
        {/* Which period, for screen readers; the name starts with the visible words (WCAG 2.5.3, axe). */}
        <VisuallyHidden>（{period}）</VisuallyHidden>
      </Button>
      {asked && !loading && (error || data) && (
        <div role="status" data-testid="consistency-result" data-ok={result ? String(result.ok) : 'error'}>
          {error || !result ? (
            <Text size="xs" c="red">
              {t('admin.reconciliation.consistency.failed')}
            </Text>
          ) : result.ok ? (
            <Group gap={6}>
              <Badge color="green" tt="none">
                {t('admin.reconciliation.consistency.ok')}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('admin.reconciliation.consistency.codesChecked', { count: result.codesChecked })}
              </Text>
            </Group>
          ) : (
            <Stack gap={2}>
              <Badge color="red" tt="none">
                {t('admin.reconciliation.consistency.mismatch')}
              </Badge>
              {!result.statementMatchesLedger && (
                <Text size="xs" c="red">
                  {t('admin.reconciliation.consistency.statementMismatch')}
                </Text>
              )}
              {result.mismatchedCodes.length > 0 && (
                <Text size="xs" c="red" style={{ whiteSpace: 'normal' }} data-testid="consistency-mismatched-codes">
                  {t('admin.reconciliation.consistency.codesMismatch', { count: result.mismatchedCodes.length, codes: result.mismatchedCodes.join(', ') })}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t('admin.reconciliation.consistency.codesChecked', { count: result.codesChecked })}
              </Text>
            </Stack>
          )}
        </div>
      )}
    </Stack>
  );
}
