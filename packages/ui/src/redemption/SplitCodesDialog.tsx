import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SplitChild } from './documents';
import { StatusBadge } from './StatusBadge';

export interface SplitCodesDialogProps {
  /** The original (split) code and its children, or null when closed. */
  code: { code: string; children: SplitChild[] } | null;
  onClose(): void;
  /** Where "前往核銷" goes for an active split code; leave out for no link. */
  redeemTo?(code: string): string;
}

/** X4: a split code's new codes and each one's status. */
export function SplitCodesDialog({ code, onClose, redeemTo }: SplitCodesDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={code !== null} onClose={onClose} title={t('redemption.split.title')} centered size="lg">
      {code && (
        <Stack gap="sm" data-testid="split-dialog" data-code={code.code}>
          <Text>{t('redemption.split.intro', { code: code.code, count: code.children.length })}</Text>
          {code.children.length === 0 && <Text c="dimmed">{t('redemption.split.none')}</Text>}
          {code.children.map((child) => (
            <Paper key={child.code} withBorder p="sm" data-testid="split-child" data-code={child.code} data-status={child.status}>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text ff="monospace" size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                  {child.code}
                </Text>
                <StatusBadge status={child.status} size="lg" style={{ flexShrink: 0 }} />
              </Group>
              {redeemTo && child.status === 'ACTIVE' && child.remainingQuantity > 0 && (
                <Button component={Link} to={redeemTo(child.code)} size="md" variant="light" mt="xs" data-testid="split-go-redeem" fullWidth>
                  {t('redemption.list.goRedeem')}
                </Button>
              )}
            </Paper>
          ))}
          <Button size="lg" variant="default" onClick={onClose} data-testid="split-close" fullWidth>
            {t('common.close')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
