import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allowCamera, CODE, fakeCamera, lookupMock, redeemMock, ticket, type TicketCodeRedeemInput } from '../../../test/fixtures';
import { renderClerkApp } from '../../../test/render';

vi.mock('html5-qrcode', async () => (await import('@ticket/ui/redemption/testing')).fakeHtml5Qrcode());

describe('the in-page camera scanner', () => {
  beforeEach(() => {
    allowCamera();
  });
  afterEach(() => {
    fakeCamera.decoded = [];
  });

  it('R3: loads html5-qrcode only when opened, skips QR codes that are not tickets, then looks the code up (CAMERA)', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    fakeCamera.decoded = ['https://example.com/menu', `https://clerk.example.com/redeem/${CODE}`];
    renderClerkApp('/redeem', [lookupMock(CODE, ticket()), redeemMock(seen, () => ({ ticketCode: ticket() }))]);
    await screen.findByTestId('redeem-code');
    expect(fakeCamera.loads).toBe(0);

    fireEvent.click(screen.getByTestId('open-camera'));
    expect(screen.getByTestId('camera-view')).toBeTruthy();
    const card = await screen.findByTestId('ticket-card');
    expect(fakeCamera.loads).toBe(1);
    expect(card.getAttribute('data-code')).toBe(CODE);
    expect(screen.queryByTestId('camera-view')).toBeNull();
    expect(fakeCamera.stopped).toBeGreaterThan(0);

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
