import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import type { RedemptionChannel } from '../../../gql/graphql';
import { useI18n } from '../../../shared/i18n';
import { useLocation, useNavigate, useSearchParams } from '../../../shared/router';
import { codeFromInput, deviceLabel } from '../../../shared/ui-source';
import { useRedeemFlow } from '../useRedeemFlow';

/*
 * The first load holds the code field and the flow; the ticket card, the result screen and the camera come
 * right after it (prefetched once the page is up, and precached by the service worker).
 */
const loadTicketPanel = () => import('./TicketPanel');
const loadResultScreen = () => import('./ResultScreen');
const TicketPanel = lazy(loadTicketPanel);
const OfflineConfirm = lazy(() => loadTicketPanel().then((m) => ({ default: m.OfflineConfirm })));
const ResultScreen = lazy(loadResultScreen);
const CameraScanner = lazy(() => import('./CameraScanner'));

const BASE = '/redeem';
const CHANNELS: RedemptionChannel[] = ['CAMERA', 'LIST', 'MANUAL', 'SCANNER'];
/** B4 / issue 13.3: scanner mode, on unless the clerk turned it off on this device. */
const SCANNER_MODE_KEY = 'clerk.quickRedeem';
/** A keyboard wedge types a code in a burst; a person types slower than this between keys. */
const HUMAN_KEY_INTERVAL_MS = 60;

function isTextEntry(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (element as HTMLElement).isContentEditable;
}

function readScannerMode(): boolean {
  try {
    return localStorage.getItem(SCANNER_MODE_KEY) !== 'false';
  } catch {
    return true;
  }
}

/**
 * 核銷票券頁 (R3, R4, B4, issue 13.3). Four ways in:
 * - a hardware scanner types the code (or the QR's URL) and Enter: SCANNER; in scanner mode a single-unit
 *   code redeems at once, a code of more asks how many; typed by hand (slow keys) or pasted, Enter is
 *   MANUAL and asks;
 * - a phone camera opens /redeem/{code} (CAMERA); the in-page camera scans continuously (CAMERA, scanner mode);
 * - the redemption list opens /redeem/{code}?from=list (LIST);
 * - the clerk types the code and presses "查看票券" (MANUAL).
 * Without the network, codes redeem from the offline snapshot (B7).
 */
export function RedeemPage({ code: urlCode, footer }: { code?: string; footer?: ReactNode }) {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const device = useMemo(() => deviceLabel('clerk'), []);
  const flow = useRedeemFlow({ device });
  const [scannerMode, setScannerMode] = useState(readScannerMode);
  const [code, setCode] = useState(() => (urlCode ? (codeFromInput(urlCode) ?? urlCode) : ''));
  /** The field shows a code already looked up: the next keystrokes (a new scan) replace it. */
  const [stale, setStale] = useState(false);
  const [inputError, setInputError] = useState<string | null>(null);
  const [cameraOpen, setCameraOpen] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const card = useRef<HTMLDivElement>(null);
  /** The camera's last read: the same ticket still in view is not read again (until the camera is reopened). */
  const lastRead = useRef<{ code: string; at: number } | null>(null);
  /** Keystroke times of what is being typed into the field, to tell a scanner's burst from a person. */
  const keys = useRef<number[]>([]);
  const { phase } = flow;

  const focusField = useCallback(() => {
    requestAnimationFrame(() => {
      field.current?.focus({ preventScroll: true });
      field.current?.select();
    });
  }, []);

  const lookUp = useCallback(
    (text: string, channel: RedemptionChannel) => {
      keys.current = [];
      const found = codeFromInput(text);
      if (!found) {
        setInputError(t('redemption.invalidCode'));
        focusField();
        return;
      }
      setInputError(null);
      setCode(found);
      setStale(true);
      void flow.lookUp(found, channel, { quick: scannerMode && (channel === 'SCANNER' || channel === 'CAMERA') });
      navigate(`${BASE}/${encodeURIComponent(found)}`, { replace: true, state: { channel } });
      // A hardware scanner wants the field; a phone wants its keyboard out of the way of the ticket.
      if (channel === 'SCANNER') focusField();
      else field.current?.blur();
    },
    [flow, focusField, navigate, scannerMode, t],
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
    // Only a change of the code in the URL matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlCode]);

  useEffect(() => {
    const prefetch = () => void Promise.all([loadTicketPanel(), loadResultScreen()]).catch(() => {});
    const idle = globalThis.requestIdleCallback;
    if (idle) idle(prefetch, { timeout: 2000 });
    else setTimeout(prefetch, 500);
  }, []);

  useEffect(() => {
    if (phase.kind === 'ticket') card.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [phase]);

  // Keep the field ready for a hardware scanner: keystrokes that land nowhere go to the code field (from the
  // commit on, as the result screen takes them over in the same commit).
  useLayoutEffect(() => {
    if (phase.kind === 'result') return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      const active = document.activeElement;
      if (active !== field.current && (isTextEntry(active) || active?.closest('[role="dialog"]'))) return;
      keys.current.push(performance.now());
      if (active === field.current) return;
      field.current?.focus();
      field.current?.select();
    }
    addEventListener('keydown', onKeyDown, true);
    return () => removeEventListener('keydown', onKeyDown, true);
  }, [phase.kind]);

  function onCodeChange(event: ChangeEvent<HTMLInputElement>) {
    let value = event.currentTarget.value;
    if (stale) {
      if (value.startsWith(code) && value.length > code.length) value = value.slice(code.length);
      setStale(false);
    }
    if (!value) keys.current = [];
    setInputError(null);
    setCode(value);
  }

  /**
   * Enter in the field: a hardware scanner's burst of keystrokes is SCANNER; anything else (typed by a
   * person, pasted, filled in) is MANUAL, with the confirm dialog (R4).
   */
  function enteredChannel(): RedemptionChannel {
    const times = keys.current;
    if (times.length < 4) return 'MANUAL';
    const perKey = (times[times.length - 1]! - times[0]!) / (times.length - 1);
    return perKey > HUMAN_KEY_INTERVAL_MS ? 'MANUAL' : 'SCANNER';
  }

  function backToScanning(typed?: string) {
    flow.reset();
    setStale(false);
    if (typed) {
      lookUp(typed, 'SCANNER');
      return;
    }
    setCode('');
    navigate(BASE, { replace: true });
    if (!cameraOpen) focusField();
  }

  const ticket = phase.kind === 'ticket' ? phase.ticket : null;
  const message = inputError ?? flow.error;
  const scanned = flow.current?.quick ?? false;
  // The camera keeps running under a result (continuous scanning); it closes while a card asks how many.
  const cameraShown = cameraOpen && phase.kind !== 'ticket' && phase.kind !== 'offlineConfirm';

  return (
    <div className="stack">
      <form
        className="stack tight"
        onSubmit={(event) => {
          event.preventDefault();
          lookUp(code, enteredChannel());
        }}
      >
        <label className="label" htmlFor="redeem-code">
          {t('redemption.code')}
        </label>
        <input
          ref={field}
          id="redeem-code"
          name="code"
          className="input code"
          placeholder={t('redemption.codePlaceholder')}
          value={code}
          onChange={onCodeChange}
          onFocus={(e) => e.currentTarget.select()}
          autoFocus={!urlCode}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="search"
          data-testid="redeem-code"
        />
        <div className="row grow">
          <button
            type="button"
            className="btn primary lg"
            onClick={() => lookUp(code, 'MANUAL')}
            disabled={phase.kind === 'looking'}
            data-testid="redeem-view"
          >
            {t('redemption.view')}
          </button>
          <button
            type="button"
            className={`btn lg${cameraOpen ? ' active' : ''}`}
            onClick={() => {
              lastRead.current = null;
              setCameraOpen((open) => !open);
            }}
            data-testid="open-camera"
          >
            {cameraOpen ? t('redemption.closeCamera') : t('redemption.openCamera')}
          </button>
        </div>
      </form>
      {message && (
        <div className="alert danger lg" role="alert" data-testid="form-error">
          {message}
        </div>
      )}

      {cameraShown && (
        <div className="card stack camera" data-testid="camera-view">
          <Suspense fallback={<div className="center">{t('redemption.cameraStarting')}</div>}>
            <CameraScanner
              last={lastRead}
              paused={phase.kind !== 'idle'}
              onCode={(scannedCode) => lookUp(scannedCode, 'CAMERA')}
              onClose={() => {
                setCameraOpen(false);
                focusField();
              }}
            />
          </Suspense>
        </div>
      )}

      {phase.kind === 'looking' && (
        <div className="center lg" role="status" data-testid="redeem-looking">
          {t('redemption.lookingUp')}
        </div>
      )}

      {ticket && (
        <div ref={card} className="scroll-target">
          <Suspense fallback={<div className="loader" />}>
            <TicketPanel ticket={ticket} onConfirm={flow.redeem} />
          </Suspense>
        </div>
      )}

      {phase.kind === 'offlineConfirm' && (
        <Suspense fallback={null}>
          <OfflineConfirm code={phase.code} productTitle={phase.productTitle} onConfirm={() => void flow.redeemOffline()} onCancel={() => backToScanning()} />
        </Suspense>
      )}

      <label className="switch">
        <input
          type="checkbox"
          checked={scannerMode}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setScannerMode(on);
            localStorage.setItem(SCANNER_MODE_KEY, String(on));
            focusField();
          }}
          data-testid="quick-mode"
        />
        <span>
          <strong>{t('clerk.scannerMode')}</strong>
          <span className="dim small block">{t('clerk.scannerModeHint')}</span>
        </span>
      </label>

      {footer}

      {phase.kind === 'result' && (
        <Suspense fallback={<div className={`result ${phase.outcome.kind === 'success' ? 'ok' : 'no'}`} />}>
          <ResultScreen
          key={flow.current?.code}
          outcome={phase.outcome}
          seconds={scanned ? 2 : phase.outcome.kind === 'success' ? 4 : 8}
          onDone={backToScanning}
          onShowTicket={() => {
            flow.showTicket();
            focusField();
          }}
          />
        </Suspense>
      )}
    </div>
  );
}
