import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { formatDateTime } from '@ticket/ui';
import type { TicketCodeRedeemInput } from '@ticket/ui/redemption';
import { allowCamera, CODE, fakeCamera, lookupMock, redeemMock, SPLIT_CODE, ticket } from '@ticket/ui/redemption/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAdminApp } from '../../../test/render';

vi.mock('html5-qrcode', async () => (await import('@ticket/ui/redemption/testing')).fakeHtml5Qrcode());

const codeField = () => screen.getByTestId('redeem-code') as HTMLInputElement;

const history = [
  { id: 'r2', quantity: 2, channel: 'LIST' as const, device: 'admin Windows 3MX9', redeemedBy: '王店長', createdAt: '2026-11-26T03:00:00Z', kind: 'REDEMPTION' as const, reason: null },
  { id: 'r1', quantity: 5, channel: 'SCANNER' as const, device: 'clerk Android 7KQ2', redeemedBy: '林店員', createdAt: '2026-11-25T02:00:00Z', kind: 'REDEMPTION' as const, reason: null },
];

describe('商品 > 核銷票券頁 (admin redeem page)', () => {
  beforeEach(() => {
    allowCamera();
  });
  afterEach(() => {
    fakeCamera.decoded = [];
  });

  it('R3: the code field has focus for a hardware scanner; its code and Enter look the ticket up (SCANNER); always the confirm dialog (no quick mode)', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    renderAdminApp('/redeem', [lookupMock(CODE, ticket()), redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 8, remainingQuantity: 2 }) }), '王店長')]);
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('核銷票券頁');
    await waitFor(() => expect(document.activeElement).toBe(codeField()));
    expect(screen.queryByTestId('quick-mode')).toBeNull();

    fireEvent.change(codeField(), { target: { value: `https://clerk.example.com/redeem/${CODE}` } });
    fireEvent.submit(codeField().closest('form')!);
    const card = await screen.findByTestId('ticket-card');
    expect(card.getAttribute('data-code')).toBe(CODE);
    expect(codeField().value).toBe(CODE);
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen[0]).toMatchObject({ code: CODE, quantity: 1, channel: 'SCANNER', device: expect.stringMatching(/^admin /) });
  });

  it('R4: 查看票券 for a typed code (MANUAL); the ticket card, then quantity 2 and a confirm dialog repeating ticket name and quantity; 核銷成功, then back to scanning', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    renderAdminApp('/redeem', [lookupMock(CODE, ticket()), redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 9, remainingQuantity: 1 }) }), '王店長')]);
    fireEvent.change(await screen.findByTestId('redeem-code'), { target: { value: CODE.toLowerCase() } });
    fireEvent.click(screen.getByTestId('redeem-view'));
    const card = await screen.findByTestId('ticket-card');
    expect(within(card).getByTestId('ticket-title').textContent).toBe('草地音樂節');
    expect(within(card).getByTestId('ticket-remaining').textContent).toBe('3 / 10');
    expect(within(card).getByTestId('ticket-holder').textContent).toBe('王小明');
    expect((screen.getByTestId('redeem-quantity') as HTMLInputElement).value).toBe('1');

    fireEvent.click(screen.getByTestId('quantity-increase'));
    fireEvent.click(screen.getByTestId('redeem-submit'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(within(dialog).getByTestId('confirm-ticket').textContent).toBe('草地音樂節・早鳥票');
    expect(within(dialog).getByTestId('confirm-quantity').textContent).toBe('2 張');
    expect(seen).toHaveLength(0);
    fireEvent.click(within(dialog).getByTestId('confirm-submit'));
    const success = await screen.findByTestId('redeem-success');
    expect(within(success).getByTestId('result-quantity').textContent).toBe('核銷 2 張');
    expect(seen).toEqual([{ code: CODE, quantity: 2, channel: 'MANUAL', idempotencyKey: expect.any(String), device: expect.stringMatching(/^admin /) }]);

    fireEvent.click(within(success).getByTestId('redeem-again'));
    await waitFor(() => expect(screen.queryByTestId('redeem-success')).toBeNull());
    expect(codeField().value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(codeField()));
  });

  it('R2: redemption history shown on the ticket card: who, when, quantity, channel and device; after a success the code opens again with the new one', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    const after = ticket({
      redeemedQuantity: 8,
      remainingQuantity: 2,
      redemptions: [{ id: 'r3', quantity: 1, channel: 'LIST', device: 'admin Linux 2222', redeemedBy: '王店長', createdAt: '2026-11-27T03:00:00Z', kind: 'REDEMPTION' as const, reason: null }, ...history],
    });
    renderAdminApp(`/redeem/${CODE}?from=list`, [lookupMock(CODE, ticket({ redeemedQuantity: 7, redemptions: history })), redeemMock(seen, () => ({ ticketCode: after }), '王店長')]);
    const card = await screen.findByTestId('ticket-card');
    const rows = within(within(card).getByTestId('redemption-history')).getAllByTestId('redemption-row');
    // Taipei time, newest first.
    expect(formatDateTime(history[0]!.createdAt)).toMatch(/^2026\/11\/26\s11:00$/);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      [formatDateTime(history[0]!.createdAt), '2', '核銷列表', 'admin Windows 3MX9', '王店長'],
      [formatDateTime(history[1]!.createdAt), '5', '掃描器', 'clerk Android 7KQ2', '林店員'],
    ]);

    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    const success = await screen.findByTestId('redeem-success');
    fireEvent.click(within(success).getByTestId('success-details'));
    await waitFor(() => expect(screen.queryByTestId('redeem-success')).toBeNull());
    const again = screen.getByTestId('ticket-card');
    expect(within(again).getByTestId('ticket-remaining').textContent).toBe('2 / 10');
    const first = within(again).getAllByTestId('redemption-row')[0]!;
    expect(within(first).getAllByRole('cell').map((c) => c.textContent)).toEqual([formatDateTime('2026-11-27T03:00:00Z'), '1', '核銷列表', 'admin Linux 2222', '王店長']);
  });

  it('X3: a 25-character split code redeems 1: the quantity field is fixed', async () => {
    renderAdminApp(`/redeem/${SPLIT_CODE}`, [lookupMock(SPLIT_CODE, ticket({ code: SPLIT_CODE, quantity: 1, redeemedQuantity: 0, remainingQuantity: 1, parent: { code: CODE } }))]);
    await screen.findByTestId('ticket-card');
    const quantity = screen.getByTestId('redeem-quantity') as HTMLInputElement;
    expect(quantity.value).toBe('1');
    expect(quantity.disabled).toBe(true);
    expect((screen.getByTestId('quantity-increase') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('分票後的核銷碼每次只能核銷 1 張')).toBeTruthy();
  });

  it('R3: the in-page camera loads html5-qrcode only when opened, then looks the code up (CAMERA)', async () => {
    fakeCamera.decoded = [`https://clerk.example.com/redeem/${CODE}`];
    renderAdminApp('/redeem', [lookupMock(CODE, ticket())]);
    await screen.findByTestId('redeem-code');
    expect(fakeCamera.loads).toBe(0);
    fireEvent.click(screen.getByTestId('open-camera'));
    expect(screen.getByTestId('camera-view')).toBeTruthy();
    expect((await screen.findByTestId('ticket-card')).getAttribute('data-code')).toBe(CODE);
    expect(fakeCamera.loads).toBe(1);
    expect(screen.queryByTestId('camera-view')).toBeNull();
  });

  it('R4: an unknown code shows the refusal 查無此核銷碼', async () => {
    renderAdminApp('/redeem/ZZZZZZZZZZ', [lookupMock('ZZZZZZZZZZ', null)]);
    expect((await screen.findByTestId('refusal-message')).textContent).toBe('查無此核銷碼');
  });
});
