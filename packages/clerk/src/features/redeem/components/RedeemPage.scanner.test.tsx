import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unlockAudioOnGesture } from '../../../shared/audio';
import { allowCamera, CODE, lookupMock, redeemMock, ticket, type TicketCodeRedeemInput } from '../../../test/fixtures';
import { renderClerkApp } from '../../../test/render';

/** A camera that reads what the test shows it, as often as it likes. */
const camera = vi.hoisted(() => ({ show: (_text: string) => {}, loads: 0, stopped: 0 }));
vi.mock('html5-qrcode', () => {
  camera.loads++;
  class Html5Qrcode {
    isScanning = false;
    async start(_camera: unknown, _config: unknown, onSuccess: (text: string) => void) {
      this.isScanning = true;
      camera.show = onSuccess;
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

const SINGLE = 'BCDEFGHJKM';
const SINGLE_2 = 'CDEFGHJKMN';
const single = (code: string) => ticket({ code, quantity: 1, redeemedQuantity: 0, remainingQuantity: 1 });
const used = (code: string) => ({ ...single(code), redeemedQuantity: 1, remainingQuantity: 0, status: 'FULLY_REDEEMED' as const });

let vibrate: ReturnType<typeof vi.fn>;
let clock = 0;
beforeEach(() => {
  vibrate = vi.fn();
  Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
  clock = 0;
});
afterEach(() => vi.restoreAllMocks());

/** Keystrokes into the focused page, `gap` ms apart (a scanner: a few ms; a person: 150 ms), then Enter. */
async function type(text: string, gap: number) {
  const field = (await screen.findByTestId('redeem-code')) as HTMLInputElement;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  for (const key of text) {
    clock += gap;
    fireEvent.keyDown(document.activeElement ?? field, { key });
    fireEvent.change(field, { target: { value: field.value + key } });
  }
  fireEvent.submit(field.closest('form')!);
}

describe('issue 13.3: scanner mode', () => {
  it('B4: scanner mode is on by default: a scanner burst and Enter redeems a single-unit code at once (SCANNER), with a vibration, then the page is back by itself after 2 s', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    renderClerkApp('/redeem', [lookupMock(SINGLE, single(SINGLE)), redeemMock(seen, () => ({ ticketCode: used(SINGLE) }))]);
    expect(((await screen.findByTestId('quick-mode')) as HTMLInputElement).checked).toBe(true);
    await type(SINGLE, 5);
    const success = await screen.findByTestId('redeem-success');
    expect(within(success).getByTestId('result-quantity').textContent).toBe('核銷 1 張');
    expect(seen).toEqual([expect.objectContaining({ code: SINGLE, quantity: 1, channel: 'SCANNER' })]);
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(vibrate).toHaveBeenCalledWith(120);
    await waitFor(() => expect(screen.queryByTestId('redeem-success')).toBeNull(), { timeout: 3500 });
    expect((screen.getByTestId('redeem-code') as HTMLInputElement).value).toBe('');
  }, 10_000);

  it('R4: a code typed by a person (slow keys) and Enter is MANUAL and asks to confirm, even a single-unit one', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    renderClerkApp('/redeem', [lookupMock(SINGLE, single(SINGLE)), redeemMock(seen, () => ({ ticketCode: used(SINGLE) }))]);
    await type(SINGLE, 150);
    fireEvent.click(await screen.findByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen).toEqual([expect.objectContaining({ code: SINGLE, channel: 'MANUAL' })]);
  });

  it('R4: a code pasted (no keystrokes) and Enter is MANUAL too: the ticket card, then the confirm', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    renderClerkApp('/redeem', [lookupMock(SINGLE, single(SINGLE)), redeemMock(seen, () => ({ ticketCode: used(SINGLE) }))]);
    const field = await screen.findByTestId('redeem-code');
    fireEvent.change(field, { target: { value: SINGLE } });
    fireEvent.submit(field.closest('form')!);
    await screen.findByTestId('ticket-card');
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen).toEqual([expect.objectContaining({ code: SINGLE, channel: 'MANUAL' })]);
  });

  it('issue 13.3: a multi-unit code asks how many: big +/- and 全部剩餘 (all remaining), then the confirm', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    renderClerkApp('/redeem', [lookupMock(CODE, ticket()), redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 10, remainingQuantity: 0, status: 'FULLY_REDEEMED' }) }))]);
    await type(CODE, 5);
    const all = await screen.findByTestId('quantity-all');
    expect(all.textContent).toBe('全部剩餘 (3)');
    fireEvent.click(all);
    expect((screen.getByTestId('redeem-quantity') as HTMLInputElement).value).toBe('3');
    expect((all as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('redeem-submit'));
    expect(within(await screen.findByTestId('confirm-dialog')).getByTestId('confirm-quantity').textContent).toBe('3 張');
    fireEvent.click(screen.getByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen).toEqual([expect.objectContaining({ code: CODE, quantity: 3, channel: 'SCANNER' })]);
  });

  it('issue 13.3: success and refusal sound and vibrate differently', async () => {
    const tones: { type: string; frequency: number }[] = [];
    class FakeAudioContext {
      state = 'running';
      currentTime = 0;
      destination = {};
      resume = async () => {};
      createOscillator() {
        const o = { type: '', frequency: { value: 0 }, connect: (g: unknown) => g, start: () => tones.push({ type: o.type, frequency: o.frequency.value }), stop: () => {} };
        return o;
      }
      createGain() {
        return { gain: { setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} }, connect: (d: unknown) => d };
      }
    }
    vi.stubGlobal('AudioContext', FakeAudioContext);
    unlockAudioOnGesture();
    fireEvent.pointerDown(window);

    renderClerkApp('/redeem', [lookupMock(SINGLE, single(SINGLE)), redeemMock([], () => ({ ticketCode: used(SINGLE) })), lookupMock(SINGLE_2, used(SINGLE_2))]);
    await type(SINGLE, 5);
    await screen.findByTestId('redeem-success');
    expect(tones).toEqual([{ type: 'sine', frequency: 1320 }]);
    expect(vibrate).toHaveBeenLastCalledWith(120);
    fireEvent.click(screen.getByTestId('redeem-again'));

    await type(SINGLE_2, 5);
    await screen.findByTestId('redeem-refusal');
    expect(tones.slice(1)).toEqual([
      { type: 'square', frequency: 220 },
      { type: 'square', frequency: 180 },
    ]);
    expect(vibrate).toHaveBeenLastCalledWith([250, 100, 250]);
    vi.unstubAllGlobals();
  });

  it('issue 13.3: the camera scans continuously: a read redeems, the result shows, the camera is back (never restarted); the same ticket still in view is not read twice', async () => {
    allowCamera();
    const seen: TicketCodeRedeemInput[] = [];
    renderClerkApp('/redeem', [
      lookupMock(SINGLE, single(SINGLE)),
      redeemMock(seen, (input) => ({ ticketCode: used(input.code) })),
      lookupMock(SINGLE_2, single(SINGLE_2)),
      redeemMock(seen, (input) => ({ ticketCode: used(input.code) })),
    ]);
    fireEvent.click(await screen.findByTestId('open-camera'));
    await waitFor(() => expect(screen.getByTestId('camera-scanner').getAttribute('data-scanning')).toBe('true'));
    act(() => camera.show(`https://clerk.example.com/redeem/${SINGLE}`));
    await screen.findByTestId('redeem-success');
    // Under the result the camera keeps running; what it reads meanwhile is ignored.
    expect(screen.getByTestId('camera-view')).toBeTruthy();
    act(() => camera.show(`https://clerk.example.com/redeem/${SINGLE}`));
    await waitFor(() => expect(screen.queryByTestId('redeem-success')).toBeNull(), { timeout: 3500 });
    expect(screen.getByTestId('camera-view')).toBeTruthy();
    act(() => camera.show(`https://clerk.example.com/redeem/${SINGLE}`));
    expect(screen.queryByTestId('redeem-looking')).toBeNull();

    act(() => camera.show(`https://clerk.example.com/redeem/${SINGLE_2}`));
    await screen.findByTestId('redeem-success');
    expect(seen.map((s) => [s.code, s.channel])).toEqual([
      [SINGLE, 'CAMERA'],
      [SINGLE_2, 'CAMERA'],
    ]);
    expect(camera.loads).toBe(1);
    expect(camera.stopped).toBe(0);
  }, 15_000);
});
