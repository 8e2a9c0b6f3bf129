import { Center, Loader, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQrImage } from './useQrImage';

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
  const { src, failed } = useQrImage(qrUrl, opened);

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="md" fullScreen={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack align="center" gap="sm" data-testid="qr-modal">
        {src ? (
          <img
            src={src}
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
