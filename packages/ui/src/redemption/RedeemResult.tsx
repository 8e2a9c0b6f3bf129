import { Box, Button, Center, Portal, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RedeemTicket } from './documents';

export type RedeemOutcome =
  | {
      kind: 'success';
      /** The code after the redemption. */
      ticket: RedeemTicket;
      quantity: number;
      redeemedBy?: string | null;
    }
  | {
      kind: 'refusal';
      /** The server's message (localized), or the app's for an unknown code or a blocked look-up. */
      message: string;
      /** The code as it is now, when it exists. */
      ticket?: RedeemTicket | null;
    };

export interface RedeemResultProps {
  outcome: RedeemOutcome;
  /**
   * Back to scanning. `typed` holds what a hardware scanner typed while this screen was up, so scanning
   * the next ticket straight away works: the caller looks it up.
   */
  onDone(typed?: string): void;
  /** For a refusal with a code: close this screen and show the code's details instead. */
  onShowTicket?(): void;
  /** `always`: offer the code's details after a success too (the admin checks its history); default `refusal`. */
  offerDetails?: 'refusal' | 'always';
  /** Seconds before going back by itself (0: never). Defaults: 4 after a success, 8 after a refusal. */
  autoReturnSeconds?: number;
}

/**
 * The answer at arm's length: a full-screen green 核銷成功 or red refusal with the server's message. Back
 * to scanning with the button, Enter, or by itself after a few seconds.
 */
export function RedeemResult({ outcome, onDone, onShowTicket, offerDetails = 'refusal', autoReturnSeconds }: RedeemResultProps) {
  const { t } = useTranslation();
  const success = outcome.kind === 'success';
  const [secondsLeft, setSecondsLeft] = useState(autoReturnSeconds ?? (success ? 4 : 8));
  const typed = useRef('');
  const finished = useRef(false);

  const done = useCallback(
    (text?: string) => {
      if (finished.current) return;
      finished.current = true;
      onDone(text || undefined);
    },
    [onDone],
  );

  useEffect(() => {
    navigator.vibrate?.(success ? 80 : [150, 80, 150]);
  }, [success]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        done(typed.current);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        done();
      } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
        // A hardware scanner is already typing the next code: keep it for after this screen.
        event.preventDefault();
        typed.current += event.key;
      }
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [done]);

  const auto = autoReturnSeconds !== 0;
  useEffect(() => {
    if (!auto) return;
    const timer = setInterval(() => setSecondsLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, [auto]);
  useEffect(() => {
    if (auto && secondsLeft <= 0 && !typed.current) done();
  }, [auto, secondsLeft, done]);

  const ticket = outcome.ticket;
  return (
    <Portal>
      <Box
        role={success ? 'status' : 'alert'}
        aria-live="assertive"
        data-testid={success ? 'redeem-success' : 'redeem-refusal'}
        pos="fixed"
        inset={0}
        bg={success ? 'green.8' : 'red.8'}
        c="white"
        p="lg"
        style={{ zIndex: 1000, overflowY: 'auto', display: 'flex', flexDirection: 'column' }}
      >
        <Center style={{ flex: 1 }}>
          <Stack align="center" gap="md" maw={520} w="100%" ta="center">
            <Center
              w={120}
              h={120}
              bg="white"
              c={success ? 'green.8' : 'red.8'}
              fz={80}
              fw={900}
              style={{ borderRadius: '50%', lineHeight: 1 }}
              aria-hidden
            >
              {success ? '✓' : '✕'}
            </Center>
            <Title order={1} fz={44} c="white">
              {success ? t('redemption.success') : t('redemption.refusal')}
            </Title>
            {!success && (
              <Text fz={26} fw={700} data-testid="refusal-message">
                {outcome.message}
              </Text>
            )}
            {ticket && (
              <Stack gap={4} align="center">
                <Text fz={22} fw={600} data-testid="result-ticket">
                  {ticket.productTitle}・{ticket.variantName}
                </Text>
                {success && (
                  <Text fz={36} fw={800} data-testid="result-quantity">
                    {t('redemption.redeemedQuantity', { count: outcome.quantity })}
                  </Text>
                )}
                <Text fz={22} data-testid="result-remaining">
                  {t('redemption.remainingAfter', { remaining: ticket.remainingQuantity, total: ticket.quantity })}
                </Text>
                <Text ff="monospace" size="sm" opacity={0.85} style={{ overflowWrap: 'anywhere' }}>
                  {ticket.code}
                </Text>
              </Stack>
            )}
          </Stack>
        </Center>
        <Stack gap="sm" maw={520} w="100%" mx="auto" pb="md">
          <Button size="xl" h={72} fz={26} variant="white" color={success ? 'green.9' : 'red.9'} onClick={() => done()} data-testid="redeem-again" fullWidth>
            {t('redemption.redeemAgain')}
          </Button>
          {(!success || offerDetails === 'always') && ticket && onShowTicket && (
            <Button
              size="lg"
              variant="outline"
              color="white"
              onClick={() => {
                finished.current = true;
                onShowTicket();
              }}
              data-testid={success ? 'success-details' : 'refusal-details'}
              fullWidth
            >
              {t('redemption.viewDetails')}
            </Button>
          )}
          <Text ta="center" size="md" opacity={0.9}>
            {auto ? t('redemption.autoReturn', { seconds: Math.max(secondsLeft, 0) }) : t('redemption.enterToContinue')}
          </Text>
        </Stack>
      </Box>
    </Portal>
  );
}
