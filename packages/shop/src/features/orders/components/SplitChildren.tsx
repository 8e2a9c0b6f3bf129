import { Button, Group, Modal, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SplitCard_CodeFragment } from '../../../gql/graphql';
import { QrIcon } from '../../../shared/components/icons';
import { QrModal } from './QrModal';
import { SplitCards } from './SplitCards';
import { useSplitModalProps } from './SplitDialog';
import { CodeText } from './CodeText';
import { CodeStatusBadge } from './StatusBadge';

/** One split code (25 characters, one ticket) with its own "顯示票券 QR code". */
function SplitChild({ code, title }: { code: SplitCard_CodeFragment; title: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const usable = code.status === 'ACTIVE' && code.remainingQuantity > 0;
  const refunded = code.status === 'REFUNDED';
  return (
    <Paper withBorder p="xs" radius="md" data-testid="split-child" data-code={code.code} data-status={code.status} bg={refunded ? 'gray.1' : undefined} c={refunded ? 'dimmed' : undefined}>
      <Stack gap={6}>
        <CodeText code={code.code} size="sm" td={refunded ? 'line-through' : undefined} />
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {t('shop.orders.splitChildren.one')}
            </Text>
            <CodeStatusBadge status={code.status} />
          </Group>
          {usable ? (
            <Button size="xs" variant="light" leftSection={<QrIcon size={16} />} onClick={() => setOpen(true)} data-testid="show-qr">
              {t('shop.orders.code.showQr')}
            </Button>
          ) : (
            <Text size="xs" c="dimmed" ta="right">
              {t(`shop.orders.code.unusable.${code.status}`)}
            </Text>
          )}
        </Group>
      </Stack>
      <QrModal opened={open} onClose={() => setOpen(false)} title={title} code={code.code} qrUrl={code.qrUrl} remaining={code.remainingQuantity} />
    </Paper>
  );
}

/** X1: the codes a code was split into, under it, each with its own QR; all of them as cards on request. */
export function SplitChildren({ codes, title }: { codes: SplitCard_CodeFragment[]; title: string }) {
  const { t } = useTranslation();
  const modal = useSplitModalProps();
  const [cards, setCards] = useState(false);
  const redeemed = codes.filter((c) => c.status === 'FULLY_REDEEMED').length;
  return (
    <Paper p="sm" radius="md" bg="gray.0" data-testid="split-children" style={{ borderInlineStart: '3px solid var(--mantine-color-teal-4)' }}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {t('shop.orders.splitChildren.title', { count: codes.length })}
            </Text>
            {redeemed > 0 && (
              <Text size="xs" c="dimmed" data-testid="split-children-redeemed">
                {t('shop.orders.splitChildren.redeemed', { count: redeemed, total: codes.length })}
              </Text>
            )}
          </Stack>
          <Button size="xs" variant="default" onClick={() => setCards(true)} data-testid="split-view-cards">
            {t('shop.orders.splitChildren.viewCards')}
          </Button>
        </Group>
        <SimpleGrid cols={1} spacing="xs">
          {codes.map((c) => (
            <SplitChild key={c.code} code={c} title={title} />
          ))}
        </SimpleGrid>
      </Stack>
      <Modal opened={cards} onClose={() => setCards(false)} title={t('shop.orders.splitChildren.cardsTitle', { title })} closeButtonProps={{ 'aria-label': t('common.close') }} {...modal}>
        {cards && <SplitCards codes={codes} />}
      </Modal>
    </Paper>
  );
}
