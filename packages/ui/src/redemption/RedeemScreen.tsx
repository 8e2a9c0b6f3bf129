import { Alert, Button, Group, Loader, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { FormError } from '../components/FormError';
import { codeFromInput } from './code';
import { CodeScanner } from './CodeScanner';
import type { RedemptionChannel } from './documents';
import { RedeemPanel } from './RedeemPanel';
import { RedeemResult } from './RedeemResult';
import { TicketCard } from './TicketCard';
import { useRedeemFlow } from './useRedeemFlow';
import { isRedeemable } from './validity';

const CHANNELS: RedemptionChannel[] = ['CAMERA', 'LIST', 'MANUAL', 'SCANNER'];

function isTextEntry(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (element as HTMLElement).isContentEditable;
}

export interface RedeemScreenProps {
  /** R2: recorded with every redemption made here (see deviceLabel). */
  device: string;
  /** The route of this page, `{basePath}/:code?`. */
  basePath?: string;
  /** B4: where the quick-redeem switch keeps its state; leave out for no switch (always the confirm dialog). */
  quickModeKey?: string;
  /** The ticket card's history: short lines for a phone, or a table with devices for a desk. */
  historyLayout?: 'lines' | 'table';
  /** `always`: after a success, offer the code's details too (its history with the new redemption). */
  offerDetails?: 'refusal' | 'always';
}

/**
 * 核銷票券頁 (R3, R4), for the clerk app and the admin app. Four ways in:
 * - a hardware scanner types the code (or the QR's URL) into the focused field and presses Enter: SCANNER;
 * - a phone camera opens {basePath}/{code} (CAMERA), or the in-page scanner reads the QR (CAMERA);
 * - the redemption list opens {basePath}/{code}?from=list (LIST);
 * - the user types the code and presses "查看票券" (MANUAL).
 * The page's title is left to the app. Mount it under a route with an optional `:code` parameter.
 */
export function RedeemScreen({ device, basePath = '/redeem', quickModeKey, historyLayout = 'lines', offerDetails = 'refusal' }: RedeemScreenProps) {
  const { t } = useTranslation();
  const { code: urlCode } = useParams();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const flow = useRedeemFlow({ device });
  const [quickStored, setQuick] = useLocalStorage({ key: quickModeKey ?? 'redemption.quickRedeem', defaultValue: false, getInitialValueInEffect: false });
  const quick = quickModeKey !== undefined && quickStored;
  const [code, setCode] = useState(() => (urlCode ? (codeFromInput(urlCode) ?? urlCode) : ''));
  /** The field shows a code already looked up: the next keystrokes (a new scan) replace it. */
  const [stale, setStale] = useState(false);
  const [inputError, setInputError] = useState<string | null>(null);
  const [cameraOpen, setCameraOpen] = useState(false);
  const cameraAgain = useRef(false);
  const field = useRef<HTMLInputElement>(null);

  const card = useRef<HTMLDivElement>(null);
  const { phase } = flow;

  /** Ready for the next scan: focused, its text selected so a new scan replaces it. */
  const focusField = useCallback(() => {
    requestAnimationFrame(() => {
      field.current?.focus({ preventScroll: true });
      field.current?.select();
    });
  }, []);

  const lookUp = useCallback(
    (text: string, channel: RedemptionChannel) => {
      const found = codeFromInput(text);
      if (!found) {
        setInputError(t('redemption.invalidCode'));
        focusField();
        return;
      }
      setInputError(null);
      setCode(found);
      setStale(true);
      cameraAgain.current = channel === 'CAMERA';
      void flow.lookUp(found, channel, { quick: quick && (channel === 'SCANNER' || channel === 'CAMERA') });
      navigate(`${basePath}/${encodeURIComponent(found)}`, { replace: true, state: { channel } });
      // A hardware scanner wants the field; a phone wants its on-screen keyboard out of the way of the ticket
      // (keystrokes still reach the field, see below).
      if (channel === 'SCANNER') focusField();
      else field.current?.blur();
    },
    [basePath, flow, focusField, navigate, quick, t],
  );

  // Arriving by URL: a phone camera opened the QR (CAMERA) or the list sent the clerk here (?from=list).
  useEffect(() => {
    if (!urlCode) {
      if (flow.currentCode()) {
        flow.reset();
        setCode('');
        setStale(false);
        focusField();
      }
      return;
    }
    const found = codeFromInput(urlCode);
    if (!found || found === flow.currentCode()) return;
    const stated = (location.state as { channel?: RedemptionChannel } | null)?.channel;
    const channel: RedemptionChannel = searchParams.get('from') === 'list' ? 'LIST' : stated && CHANNELS.includes(stated) ? stated : 'CAMERA';
    setCode(found);
    setStale(true);
    void flow.lookUp(found, channel);
    // Only a change of the code in the URL matters here; the rest is read as it is at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlCode]);

  // The ticket (and its redeem button) in view as soon as it is there, on a phone too.
  useEffect(() => {
    if (phase.kind === 'ticket') card.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [phase]);

  // Keep the field ready for a hardware scanner: keystrokes that land nowhere go to the code field.
  useEffect(() => {
    if (phase.kind === 'result') return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      const active = document.activeElement;
      if (active === field.current || isTextEntry(active) || active?.closest('[role="dialog"]')) return;
      field.current?.focus();
      field.current?.select();
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [phase.kind]);

  function onCodeChange(event: ChangeEvent<HTMLInputElement>) {
    let value = event.currentTarget.value;
    if (stale) {
      if (value.startsWith(code) && value.length > code.length) value = value.slice(code.length);
      setStale(false);
    }
    setInputError(null);
    setCode(value);
  }

  function backToScanning(typed?: string) {
    flow.reset();
    setStale(false);
    if (typed) {
      lookUp(typed, 'SCANNER');
      return;
    }
    setCode('');
    navigate(basePath, { replace: true });
    if (cameraAgain.current) setCameraOpen(true);
    focusField();
  }

  const ticket = phase.kind === 'ticket' ? phase.ticket : null;
  const message = inputError ?? flow.error;

  return (
    <Stack gap="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          lookUp(code, 'SCANNER');
        }}
      >
        <Stack gap="sm">
          <TextInput
            ref={field}
            name="code"
            size="xl"
            label={t('redemption.code')}
            placeholder={t('redemption.codePlaceholder')}
            value={code}
            onChange={onCodeChange}
            onFocus={(e) => e.currentTarget.select()}
            autoFocus={!urlCode}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            enterKeyHint="search"
            spellCheck={false}
            data-testid="redeem-code"
            styles={{ input: { fontFamily: 'monospace', fontSize: code.length > 14 ? 17 : 26, letterSpacing: 1, height: 64 } }}
          />
          <SimpleGrid cols={2} spacing="sm">
            <Button type="button" size="xl" px="xs" onClick={() => lookUp(code, 'MANUAL')} data-testid="redeem-view">
              {t('redemption.view')}
            </Button>
            <Button
              type="button"
              size="xl"
              px="xs"
              variant={cameraOpen ? 'filled' : 'light'}
              color={cameraOpen ? 'gray' : undefined}
              onClick={() => {
                cameraAgain.current = false;
                setCameraOpen((open) => !open);
              }}
              data-testid="open-camera"
            >
              {cameraOpen ? t('redemption.closeCamera') : t('redemption.openCamera')}
            </Button>
          </SimpleGrid>
        </Stack>
      </form>
      <FormError size="lg">{message}</FormError>

      {cameraOpen && (
        <CodeScanner
          onCode={(scanned) => {
            setCameraOpen(false);
            lookUp(scanned, 'CAMERA');
          }}
          onClose={() => {
            setCameraOpen(false);
            focusField();
          }}
        />
      )}

      {phase.kind === 'looking' && (
        <Group justify="center" py="lg" role="status" data-testid="redeem-looking">
          <Loader />
          <Text size="lg">{t('redemption.lookingUp')}</Text>
        </Group>
      )}

      {ticket && (
        // Scrolled to the top of the screen, below a fixed header if the app has one (the admin's AppShell).
        <div ref={card} style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 0px) + 8px)' }}>
          <TicketCard ticket={ticket} historyLayout={historyLayout}>
            {isRedeemable(ticket) ? (
              <RedeemPanel key={`${ticket.code}:${ticket.redeemedQuantity}`} ticket={ticket} onConfirm={flow.redeem} />
            ) : (
              <Alert color="red" variant="filled" data-testid="ticket-not-redeemable">
                <Text fw={700} size="lg">
                  {t(`redemption.statusRefusal.${ticket.status === 'ACTIVE' ? 'FULLY_REDEEMED' : ticket.status}`)}
                </Text>
              </Alert>
            )}
          </TicketCard>
        </div>
      )}

      {quickModeKey !== undefined && (
        <Switch
          size="lg"
          checked={quick}
          onChange={(e) => {
            setQuick(e.currentTarget.checked);
            focusField();
          }}
          label={t('redemption.quickMode')}
          description={t('redemption.quickModeHint')}
          data-testid="quick-mode"
        />
      )}

      {phase.kind === 'result' && (
        <RedeemResult
          outcome={phase.outcome}
          onDone={backToScanning}
          offerDetails={offerDetails}
          onShowTicket={() => {
            flow.showTicket();
            focusField();
          }}
        />
      )}
    </Stack>
  );
}
