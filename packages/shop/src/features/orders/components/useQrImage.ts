import { useEffect, useState } from 'react';

// One drawing per URL for the page's life: reopening a QR or swiping back to a card is instant.
const drawn = new Map<string, Promise<string>>();

function draw(url: string): Promise<string> {
  let image = drawn.get(url);
  if (!image) {
    // qrcode is loaded only when a QR is first shown.
    image = import('qrcode').then((QRCode) => QRCode.toDataURL(url, { width: 560, margin: 2, errorCorrectionLevel: 'M' }));
    image.catch(() => drawn.delete(url));
    drawn.set(url, image);
  }
  return image;
}

/** T2: the PNG (data URL) of a code's QR (its `qrUrl`), drawn once `enabled` turns true. */
export function useQrImage(qrUrl: string, enabled: boolean): { src: string | null; failed: boolean } {
  const [image, setImage] = useState<{ url: string; src: string } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled || image?.url === qrUrl) return;
    let live = true;
    draw(qrUrl)
      .then((src) => live && setImage({ url: qrUrl, src }))
      .catch(() => live && setFailed(qrUrl));
    return () => {
      live = false;
    };
  }, [enabled, qrUrl, image?.url]);

  return { src: image?.url === qrUrl ? image.src : null, failed: failed === qrUrl };
}
