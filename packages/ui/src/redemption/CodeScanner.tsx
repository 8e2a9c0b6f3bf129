import { Alert, Box, Button, Loader, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeFromScan } from './code';

export interface CodeScannerProps {
  /** A ticket code read from a QR code (a `…/redeem/{code}` URL or a bare code). Called once. */
  onCode(code: string): void;
  onClose(): void;
}

type Problem = { key: 'cameraInsecure' | 'cameraDenied' | 'cameraUnavailable' } | { key: 'cameraError'; reason: string };

function describe(error: unknown): Problem {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (/NotAllowed|Permission|denied/i.test(text)) return { key: 'cameraDenied' };
  if (/NotFound|not found|no camera|OverconstrainedError/i.test(text)) return { key: 'cameraUnavailable' };
  return { key: 'cameraError', reason: text };
}

let nextId = 0;

/**
 * R3: the clerk app's own camera scanner. html5-qrcode (about 110 KB gzip) is loaded only when this
 * mounts, never with the page. It reads QR codes from the back camera until one holds a ticket code.
 */
export function CodeScanner({ onCode, onClose }: CodeScannerProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const onCodeRef = useRef(onCode);
  const [starting, setStarting] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notTicket, setNotTicket] = useState(false);

  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    const host = container.current;
    if (!host) return;
    let cancelled = false;
    let handled = false;
    // A fresh element per run: a scanner still stopping never shares its element with the next one.
    const target = document.createElement('div');
    target.id = `ticket-qr-scanner-${++nextId}`;
    target.style.width = '100%';
    host.appendChild(target);
    let stopScanner: () => Promise<void> = async () => {};

    (async () => {
      if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('insecure'), { name: 'Insecure' });
      const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode');
      if (cancelled) return;
      const scanner = new Html5Qrcode(target.id, { verbose: false, formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE] });
      const started = scanner.start(
        { facingMode: 'environment' },
        // The whole frame is searched (no qrbox): a QR code held close, or off-centre, still reads.
        { fps: 10 },
        (text) => {
          if (handled || cancelled) return;
          const code = codeFromScan(text);
          if (!code) {
            setNotTicket(true);
            return;
          }
          handled = true;
          onCodeRef.current(code);
        },
        () => {},
      );
      stopScanner = async () => {
        await started.catch(() => {});
        if (scanner.isScanning) await scanner.stop();
        scanner.clear();
      };
      await started;
      if (!cancelled) setStarting(false);
    })().catch((error: unknown) => {
      if (cancelled) return;
      setStarting(false);
      setProblem(error instanceof Error && error.name === 'Insecure' ? { key: 'cameraInsecure' } : describe(error));
    });

    return () => {
      cancelled = true;
      void stopScanner()
        .catch(() => {})
        .finally(() => target.remove());
    };
  }, []);

  return (
    <Paper withBorder p="sm" radius="lg" data-testid="camera-view">
      <Stack gap="sm">
        <Box
          ref={container}
          w="100%"
          mih={problem ? undefined : 240}
          bg={problem ? undefined : 'dark.8'}
          style={{ borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden' }}
        />
        {starting && !problem && (
          <Group gap="xs" justify="center">
            <Loader size="sm" />
            <Text>{t('redemption.cameraStarting')}</Text>
          </Group>
        )}
        {problem ? (
          <Alert color="red" variant="light" role="alert" data-testid="camera-error">
            {problem.key === 'cameraError' ? t('redemption.cameraError', { reason: problem.reason }) : t(`redemption.${problem.key}`)}
          </Alert>
        ) : (
          !starting && (
            <Text ta="center" c={notTicket ? 'red' : 'dimmed'} fw={notTicket ? 600 : undefined} data-testid="camera-hint">
              {notTicket ? t('redemption.notTicketQr') : t('redemption.cameraHint')}
            </Text>
          )
        )}
        <Button size="lg" variant="default" onClick={onClose} data-testid="close-camera" fullWidth>
          {t('redemption.closeCamera')}
        </Button>
      </Stack>
    </Paper>
  );
}
