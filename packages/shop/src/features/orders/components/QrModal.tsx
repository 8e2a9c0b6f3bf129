import { Center, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** T2/T3: the code's QR (its `qrUrl`, the clerk app's redeem page) large enough to scan off a phone. */
export function QrModal({
  opened,
  onClose,
  title,
  code,
  qrUrl,
  remaining,
}: {
  opened: boolean;
  onClose(): void;
  title: string;
  code: string;
  qrUrl: string;
  remaining: number;
}) {
  const { t } = useTranslation();
  const [image, setImage] = useState<{ url: string; src: string } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!opened || image?.url === qrUrl) return;
    let live = true;
    setFailed(false);
    // qrcode is loaded only when a QR is first shown.
    import('qrcode')
      .then((QRCode) => QRCode.toDataURL(qrUrl, { width: 560, margin: 2, errorCorrectionLevel: 'M' }))
      .then((src) => live && setImage({ url: qrUrl, src }))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [opened, qrUrl, image?.url]);

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="md" fullScreen={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack align="center" gap="sm" data-testid="qr-modal">
        {image?.url === qrUrl ? (
          <img
            src={image.src}
            alt={t('shop.orders.code.qrAlt', { code })}
            data-testid="qr-image"
            style={{ width: '100%', maxWidth: 360, aspectRatio: '1 / 1', imageRendering: 'pixelated', background: '#fff' }}
          />
        ) : failed ? (
          <Text c="red.8" role="alert">
            {t('shop.orders.code.qrFailed')}
          </Text>
        ) : (
          <Center h={280} role="status" aria-label={t('common.loading')}>
            <Loader />
          </Center>
        )}
        <Text
          data-testid="qr-code-text"
          ff="monospace"
          fw={700}
          ta="center"
          style={{ fontSize: 'clamp(1.5rem, 7vw, 2.25rem)', letterSpacing: '0.12em', wordBreak: 'break-all', userSelect: 'all' }}
        >
          {code}
        </Text>
        <Text size="sm" c="dimmed" ta="center">
          {t('shop.orders.code.qrHint', { count: remaining })}
        </Text>
      </Stack>
    </Modal>
  );
}
