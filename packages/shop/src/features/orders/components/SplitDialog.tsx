import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { FormError } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SplitCard_CodeFragment, TicketCodeSplitErrorCode } from '../../../gql/graphql';
import { TicketCodeSplitDocument } from '../api/orders';
import { SplitCards } from './SplitCards';

export interface SplitTarget {
  code: string;
  remaining: number;
  /** Product and ticket type, e.g. 夏日爵士音樂會 早鳥票. */
  title: string;
}

/** Whether a refusal means the page shows a code that has changed since (so it is read again). */
function isStale(code: TicketCodeSplitErrorCode): boolean {
  switch (code) {
    case 'CODE_VOID': // split or refunded meanwhile (another tab, the store)
    case 'NOTHING_TO_SPLIT': // redeemed meanwhile
    case 'SPLIT_CODE_NOT_SPLITTABLE':
      return true;
    case 'CODE_NOT_FOUND':
    case 'INVALID_INPUT': // out of the input's bounds: the server's message says which
      return false;
    default: {
      const unknown: never = code;
      return Boolean(unknown);
    }
  }
}

/** Full-screen on a phone, where the cards are swiped. */
export function useSplitModalProps() {
  const phone = useMediaQuery('(max-width: 36em)');
  return { fullScreen: !!phone, size: 'xl' as const, centered: true };
}

/**
 * X1/X2: 分票. First what splitting means (irreversible; N codes of one ticket; bearer tickets; only the
 * buyer can ask for a refund), then, once split, the new codes as swipeable QR cards.
 */
export function SplitDialog({ target, onClose, onSplit }: { target: SplitTarget | null; onClose(): void; onSplit(): void }) {
  const { t } = useTranslation();
  const modal = useSplitModalProps();
  const [split] = useMutation(TicketCodeSplitDocument);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [children, setChildren] = useState<SplitCard_CodeFragment[] | null>(null);

  function close() {
    if (busy) return;
    setError(null);
    setChildren(null);
    onClose();
  }

  async function confirm() {
    if (!target || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await split({ variables: { input: { code: target.code } } });
      const result = data?.ticketCodeSplit;
      if (!result) throw new Error('no payload');
      const refusal = result.errors[0];
      if (refusal) {
        setError(refusal.message);
        if (isStale(refusal.code)) onSplit();
      } else {
        setChildren(result.children);
        onSplit();
      }
    } catch {
      setError(t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }

  const count = target?.remaining ?? 0;
  return (
    <Modal
      opened={!!target}
      onClose={close}
      title={children ? t('shop.split.done') : t('shop.split.title')}
      closeOnClickOutside={!busy && !children}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      {...modal}
      size={children ? modal.size : 'lg'}
      fullScreen={modal.fullScreen && !!children}
    >
      {children ? (
        <Stack gap="md" data-testid="split-done">
          <Alert color="teal" role="status">
            {t('shop.split.doneHint', { count: children.length })}
          </Alert>
          <SplitCards codes={children} />
          <Group justify="flex-end">
            <Button onClick={close} data-testid="split-finish" data-autofocus>
              {t('shop.split.finish')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md" data-testid="split-dialog">
          <FormError>{error}</FormError>
          <Text>{target && t('shop.split.intro', { code: target.code, title: target.title, count })}</Text>
          <List spacing="xs" data-testid="split-explanation">
            <List.Item>
              <Text fw={700} c="red.8" span>
                {t('shop.split.irreversible')}
              </Text>
            </List.Item>
            <List.Item>{t('shop.split.separate', { count })}</List.Item>
            <List.Item>
              <Text fw={600} span>
                {t('shop.split.bearer')}
              </Text>
            </List.Item>
            <List.Item>{t('shop.split.refundBuyerOnly')}</List.Item>
          </List>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy} data-testid="split-cancel" data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={busy} data-testid="split-confirm">
              {t('shop.split.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
