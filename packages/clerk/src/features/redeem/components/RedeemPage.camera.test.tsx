import { fireEvent, screen } from '@testing-library/react';
import type { TicketCodeRedeemInput } from '@ticket/ui/redemption';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CODE, lookupMock, redeemMock, ticket } from '../../../test/fixtures';
import { renderClerkApp } from '../../../test/render';

/** A stand-in for html5-qrcode: "sees" `camera.decoded` once started; counts how often it was loaded. */
const camera = vi.hoisted(() => ({ decoded: [] as string[], loads: 0, stopped: 0 }));
vi.mock('html5-qrcode', () => {
  camera.loads++;
  class Html5Qrcode {
    isScanning = false;
    constructor(readonly elementId: string) {}
    async start(_camera: unknown, _config: unknown, onSuccess: (text: string) => void) {
      this.isScanning = true;
      camera.decoded.forEach((text, i) => setTimeout(() => onSuccess(text), 20 * (i + 1)));
      return null;
    }
    async stop() {
      this.isScanning = false;
      camera.stopped++;
    }
    clear() {}
  }
  return { Html5Qrcode, Html5QrcodeSupportedFormats: { QR_CODE: 0 } };
});

describe('the in-page camera scanner', () => {
  beforeEach(() => {
    Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: vi.fn() }, configurable: true });
  });
  afterEach(() => {
    camera.decoded = [];
  });

  it('R3: loads html5-qrcode only when opened, skips QR codes that are not tickets, then looks the code up (CAMERA)', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    camera.decoded = ['https://example.com/menu', `https://clerk.example.com/redeem/${CODE}`];
    renderClerkApp('/redeem', [lookupMock(CODE, ticket()), redeemMock(seen, () => ({ ticketCode: ticket() }))]);
    await screen.findByTestId('redeem-code');
    expect(camera.loads).toBe(0);

    fireEvent.click(screen.getByTestId('open-camera'));
    expect(screen.getByTestId('camera-view')).toBeTruthy();
    const card = await screen.findByTestId('ticket-card');
    expect(camera.loads).toBe(1);
    expect(card.getAttribute('data-code')).toBe(CODE);
    expect(screen.queryByTestId('camera-view')).toBeNull();
    expect(camera.stopped).toBeGreaterThan(0);

    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen[0]).toMatchObject({ code: CODE, channel: 'CAMERA' });
  });

  it('explains why the camera cannot open (not on HTTPS)', async () => {
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
    renderClerkApp('/redeem', []);
    fireEvent.click(await screen.findByTestId('open-camera'));
    expect((await screen.findByTestId('camera-error')).textContent).toContain('HTTPS');
  });
});
