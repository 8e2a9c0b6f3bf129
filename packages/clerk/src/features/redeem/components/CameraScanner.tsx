import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../shared/i18n';
import { codeFromScan } from '../../../shared/ui-source';

export interface CameraScannerProps {
  /** The last code read (the page clears it when the clerk closes or opens the camera). */
  last: LastRead;
  /** A ticket code read from a QR code (a `…/redeem/{code}` URL or a bare code). */
  onCode(code: string): void;
  /** While true, reads are ignored (a result or a look-up is on screen); the camera keeps running. */
  paused: boolean;
  onClose(): void;
}

type Problem = 'cameraInsecure' | 'cameraDenied' | 'cameraUnavailable' | { reason: string };

function describe(error: unknown): Problem {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (/NotAllowed|Permission|denied/i.test(text)) return 'cameraDenied';
  if (/NotFound|not found|no camera|OverconstrainedError/i.test(text)) return 'cameraUnavailable';
  return { reason: text };
}

/** The same QR code still in front of the camera after its result is not read again for this long. */
export const SAME_CODE_PAUSE_MS = 3000;

let nextId = 0;

/** The last code read and when it was last seen; kept by the page across the camera closing for a card. */
export type LastRead = { current: { code: string; at: number } | null };

/**
 * R3 and issue 13.3: the clerk app's own camera, scanning continuously. This module, html5-qrcode (about
 * 110 KB gzip) with it, loads only when the camera opens (RedeemPage imports it lazily). A read is handed over, then ignored while `paused`; the ticket shown
 * last is not read again until it has left the camera for a moment.
 */
export default function CameraScanner({ last, onCode, paused, onClose }: CameraScannerProps) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef({ onCode, paused });
  latest.current = { onCode, paused };
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notTicket, setNotTicket] = useState(false);

  useEffect(() => {
    const host = container.current;
    if (!host) return;
    let cancelled = false;
    // A fresh element per run: a scanner still stopping never shares its element with the next one.
    const target = document.createElement('div');
    target.id = `ticket-qr-scanner-${++nextId}`;
    host.appendChild(target);
    let stop: () => Promise<void> = async () => {};

    (async () => {
      if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('insecure'), { name: 'Insecure' });
      const scanner = new Html5Qrcode(target.id, { verbose: false, formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE] });
      const started = scanner.start(
        { facingMode: 'environment' },
        // The whole frame is searched (no qrbox): a QR code held close, or off-centre, still reads.
        { fps: 10 },
        (text) => {
          if (cancelled) return;
          const now = Date.now();
          const code = codeFromScan(text);
          const seen = last.current;
          if (code && seen?.code === code && now - seen.at < SAME_CODE_PAUSE_MS) {
            seen.at = now;
            return;
          }
          if (latest.current.paused) {
            if (seen && code === seen.code) seen.at = now;
            return;
          }
          if (!code) {
            setNotTicket(true);
            return;
          }
          setNotTicket(false);
          last.current = { code, at: now };
          latest.current.onCode(code);
        },
        () => {},
      );
      stop = async () => {
        await started.catch(() => {});
        if (scanner.isScanning) await scanner.stop();
        scanner.clear();
      };
      await started;
      if (!cancelled) setRunning(true);
    })().catch((error: unknown) => {
      if (cancelled) return;
      setProblem(error instanceof Error && error.name === 'Insecure' ? 'cameraInsecure' : describe(error));
    });

    return () => {
      cancelled = true;
      void stop()
        .catch(() => {})
        .finally(() => target.remove());
    };
  }, []);

  return (
    <div className="stack" data-testid="camera-scanner" data-scanning={running ? 'true' : 'false'}>
      <div ref={container} className={problem ? undefined : 'viewfinder'} />
      {!running && !problem && (
        <div className="center" role="status">
          {t('redemption.cameraStarting')}
        </div>
      )}
      {problem ? (
        <div className="alert danger" role="alert" data-testid="camera-error">
          {typeof problem === 'string' ? t(`redemption.${problem}`) : t('redemption.cameraError', { reason: problem.reason })}
        </div>
      ) : (
        running && (
          <div className={`center${notTicket ? ' danger-text' : ' dim'}`} data-testid="camera-hint">
            {notTicket ? t('redemption.notTicketQr') : t('redemption.cameraHint')}
          </div>
        )
      )}
      <button type="button" className="btn lg" onClick={onClose} data-testid="close-camera">
        {t('redemption.closeCamera')}
      </button>
    </div>
  );
}
