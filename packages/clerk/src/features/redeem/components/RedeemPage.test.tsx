import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { blockedLookupMock, CODE, failingRedeemMock, lookupMock, redeemMock, SPLIT_CODE, ticket, type TicketCodeRedeemInput } from '../../../test/fixtures';
import { renderClerkApp, scanWithWedge } from '../../../test/render';

const codeField = () => screen.getByTestId('redeem-code') as HTMLInputElement;

async function openTicket(route: string, mocks: Parameters<typeof renderClerkApp>[1]) {
  renderClerkApp(route, mocks);
  return screen.findByTestId('ticket-card');
}

describe('核銷票券頁 (redeem page)', () => {
  it('R3/R4: /redeem/{code} (a phone camera opened the QR) fills the code in and shows the ticket at once', async () => {
    const card = await openTicket(`/redeem/${CODE}`, [lookupMock(CODE, ticket({ validUntil: '2099-12-31T16:00:00Z' }))]);
    expect(codeField().value).toBe(CODE);
    expect(within(card).getByTestId('ticket-title').textContent).toBe('草地音樂節');
    expect(within(card).getByTestId('ticket-variant').textContent).toContain('早鳥票');
    expect(within(card).getByTestId('ticket-remaining').textContent).toBe('3 / 10');
    expect(within(card).getByTestId('ticket-holder').textContent).toBe('王小明');
    expect(within(card).getByTestId('ticket-phone').textContent).toBe('0912***678');
    expect(within(card).getByTestId('ticket-order').textContent).toBe('T20261126-0001');
    expect(within(card).getByTestId('ticket-validity').textContent).toContain('2100');
    expect(within(card).getByTestId('ticket-status').textContent).toBe('可使用');
    expect((screen.getByTestId('redeem-quantity') as HTMLInputElement).value).toBe('1');
  });

  it('R4/R1: the quantity defaults to 1 and never goes above what remains', async () => {
    await openTicket(`/redeem/${CODE}`, [lookupMock(CODE, ticket())]);
    const plus = screen.getByTestId('quantity-increase');
    fireEvent.click(plus);
    fireEvent.click(plus);
    expect((screen.getByTestId('redeem-quantity') as HTMLInputElement).value).toBe('3');
    expect((plus as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('quantity-decrease'));
    expect((screen.getByTestId('redeem-quantity') as HTMLInputElement).value).toBe('2');
  });

  it('R4: 核銷 asks first, repeating ticket and quantity; confirming redeems once (CAMERA) and shows 核銷成功', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    await openTicket(`/redeem/${CODE}`, [
      lookupMock(CODE, ticket()),
      redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 9, remainingQuantity: 1 }) })),
    ]);
    fireEvent.click(screen.getByTestId('quantity-increase'));
    fireEvent.click(screen.getByTestId('redeem-submit'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(within(dialog).getByTestId('confirm-ticket').textContent).toBe('草地音樂節・早鳥票');
    expect(within(dialog).getByTestId('confirm-quantity').textContent).toBe('2 張');
    expect(seen).toHaveLength(0);

    fireEvent.click(within(dialog).getByTestId('confirm-submit'));
    const success = await screen.findByTestId('redeem-success');
    expect(success.textContent).toContain('核銷成功');
    expect(success.textContent).toContain('草地音樂節・早鳥票');
    expect(within(success).getByTestId('result-quantity').textContent).toBe('核銷 2 張');
    expect(within(success).getByTestId('result-remaining').textContent).toBe('剩餘 1 / 10');
    expect(seen).toEqual([{ code: CODE, quantity: 2, channel: 'CAMERA', idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/), device: expect.stringMatching(/^clerk /) }]);

    fireEvent.click(within(success).getByTestId('redeem-again'));
    await waitFor(() => expect(screen.queryByTestId('redeem-success')).toBeNull());
    expect(codeField().value).toBe('');
    expect(screen.queryByTestId('ticket-card')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(codeField()));
  });

  it('R5: a confirm retried after the network dropped sends the same idempotency key', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    await openTicket(`/redeem/${CODE}`, [
      lookupMock(CODE, ticket()),
      failingRedeemMock(seen),
      redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 8, remainingQuantity: 2 }) })),
    ]);
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    expect((await screen.findByTestId('confirm-error')).textContent).toContain('不會重複核銷');

    fireEvent.click(screen.getByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen).toHaveLength(2);
    expect(seen[1]!.idempotencyKey).toBe(seen[0]!.idempotencyKey);
  });

  it('R5: each new confirm dialog gets a new idempotency key', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    await openTicket(`/redeem/${CODE}`, [
      lookupMock(CODE, ticket()),
      redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 8, remainingQuantity: 2 }) })),
      lookupMock(CODE, ticket({ redeemedQuantity: 8, remainingQuantity: 2 })),
      redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 9, remainingQuantity: 1 }) })),
    ]);
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    fireEvent.click(within(await screen.findByTestId('redeem-success')).getByTestId('redeem-again'));
    await waitFor(() => expect(codeField().value).toBe(''));

    fireEvent.change(codeField(), { target: { value: CODE } });
    fireEvent.click(screen.getByTestId('redeem-view'));
    await screen.findByTestId('ticket-card');
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen.map((s) => s.channel)).toEqual(['CAMERA', 'MANUAL']);
    expect(seen[1]!.idempotencyKey).not.toBe(seen[0]!.idempotencyKey);
  });

  it('R5: the Enter ending a scanner burst while the dialog is open does not confirm; a person pressing Enter does', async () => {
    await openTicket(`/redeem/${CODE}`, [lookupMock(CODE, ticket())]);
    fireEvent.click(screen.getByTestId('redeem-submit'));
    const confirm = await screen.findByTestId('confirm-submit');
    for (const key of 'MNPQRSTUVW') fireEvent.keyDown(confirm, { key });
    expect(fireEvent.keyDown(confirm, { key: 'Enter' })).toBe(false); // default prevented: the button is not pressed
    const later = Date.now() + 2000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    expect(fireEvent.keyDown(confirm, { key: 'Enter' })).toBe(true);
    vi.restoreAllMocks();
  });

  it('X3: a split code redeems 1: its quantity field is fixed and cannot be edited', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    const split = ticket({ code: SPLIT_CODE, quantity: 1, redeemedQuantity: 0, remainingQuantity: 1, parent: { code: CODE } });
    await openTicket(`/redeem/${SPLIT_CODE}`, [lookupMock(SPLIT_CODE, split), redeemMock(seen, () => ({ ticketCode: { ...split, remainingQuantity: 0, status: 'FULLY_REDEEMED' } }))]);
    const quantity = screen.getByTestId('redeem-quantity') as HTMLInputElement;
    expect(quantity.value).toBe('1');
    expect(quantity.disabled).toBe(true);
    expect((screen.getByTestId('quantity-increase') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('分票後的核銷碼每次只能核銷 1 張')).toBeTruthy();
    expect(screen.getByText(`分票自 ${CODE}`)).toBeTruthy();
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen[0]!.quantity).toBe(1);
  });

  it('R3: a hardware scanner types the QR URL and Enter: the code is looked up with channel SCANNER', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    renderClerkApp('/redeem', [lookupMock(CODE, ticket()), redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 8, remainingQuantity: 2 }) }))]);
    const field = await screen.findByTestId('redeem-code');
    await waitFor(() => expect(document.activeElement).toBe(field));
    await scanWithWedge(`https://clerk.example.com/redeem/${CODE}`);
    await screen.findByTestId('ticket-card');
    expect(codeField().value).toBe(CODE);
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen[0]).toMatchObject({ code: CODE, channel: 'SCANNER' });
  });

  it('R3: a scanner typing while focus is elsewhere (a phone arriving by URL) still types into the code field', async () => {
    await openTicket(`/redeem/${CODE}`, [lookupMock(CODE, ticket())]);
    expect(document.activeElement).not.toBe(codeField());
    fireEvent.keyDown(screen.getByTestId('redeem-submit'), { key: 'M' });
    expect(document.activeElement).toBe(codeField());
  });

  it('R3: from the list (?from=list) the redemption is recorded with channel LIST', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    await openTicket(`/redeem/${CODE}?from=list`, [lookupMock(CODE, ticket()), redeemMock(seen, () => ({ ticketCode: ticket() }))]);
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen[0]!.channel).toBe('LIST');
  });

  it('R4: an unknown code shows the red refusal 查無此核銷碼', async () => {
    renderClerkApp('/redeem', [lookupMock('ZZZZZZZZZZ', null)]);
    fireEvent.change(await screen.findByTestId('redeem-code'), { target: { value: 'zzzzz-zzzzz' } });
    fireEvent.click(screen.getByTestId('redeem-view'));
    expect((await screen.findByTestId('redeem-refusal')).textContent).toContain('查無此核銷碼');
  });

  it('R4: a fully redeemed code is refused on look-up, and its details stay one tap away', async () => {
    renderClerkApp(`/redeem/${CODE}`, [lookupMock(CODE, ticket({ status: 'FULLY_REDEEMED', redeemedQuantity: 10, remainingQuantity: 0 }))]);
    const refusal = await screen.findByTestId('redeem-refusal');
    expect(refusal.textContent).toContain('此票券已全部核銷');
    expect(refusal.textContent).toContain('剩餘 0 / 10');
    fireEvent.click(within(refusal).getByTestId('refusal-details'));
    const card = await screen.findByTestId('ticket-card');
    expect(within(card).getByTestId('ticket-status').textContent).toBe('已全部核銷');
    expect(screen.queryByTestId('redeem-submit')).toBeNull();
  });

  it('R4: the server refusing the redemption shows its message (此核銷碼已失效)', async () => {
    const message = '此核銷碼已失效（已分票或已退款）';
    await openTicket(`/redeem/${CODE}`, [
      lookupMock(CODE, ticket()),
      redeemMock([], () => ({ ticketCode: ticket({ status: 'REFUNDED', remainingQuantity: 0, refundedQuantity: 3 }), errors: [{ code: 'CODE_VOID', message }] })),
    ]);
    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    const refusal = await screen.findByTestId('redeem-refusal');
    expect(within(refusal).getByTestId('refusal-message').textContent).toBe(message);
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('R6: blocked look-ups show how long to wait', async () => {
    renderClerkApp(`/redeem/${CODE}`, [blockedLookupMock(CODE, 42)]);
    expect((await screen.findByTestId('redeem-refusal')).textContent).toContain('請 42 秒後再試');
  });

  it('B4: quick mode redeems 1 on Enter for a single-use code, without the dialog', async () => {
    localStorage.setItem('clerk.quickRedeem', 'true');
    const seen: TicketCodeRedeemInput[] = [];
    const single = ticket({ quantity: 1, redeemedQuantity: 0, remainingQuantity: 1 });
    renderClerkApp('/redeem', [lookupMock(CODE, single), redeemMock(seen, () => ({ ticketCode: { ...single, redeemedQuantity: 1, remainingQuantity: 0, status: 'FULLY_REDEEMED' } }))]);
    await screen.findByTestId('redeem-code');
    expect((screen.getByTestId('quick-mode') as HTMLInputElement).checked).toBe(true);
    await scanWithWedge(CODE);
    expect((await screen.findByTestId('redeem-success')).textContent).toContain('核銷 1 張');
    expect(seen).toEqual([expect.objectContaining({ code: CODE, quantity: 1, channel: 'SCANNER' })]);
  });

  it('B4: quick mode still asks for codes of more than one', async () => {
    localStorage.setItem('clerk.quickRedeem', 'true');
    renderClerkApp('/redeem', [lookupMock(CODE, ticket())]);
    await scanWithWedge(CODE);
    expect(await screen.findByTestId('redeem-submit')).toBeTruthy();
  });

  it('R3: a scan typed while the result is shown is looked up next', async () => {
    const other = 'MNPQRSTUVW';
    renderClerkApp(`/redeem/${CODE}`, [lookupMock(CODE, ticket({ status: 'FULLY_REDEEMED', remainingQuantity: 0, redeemedQuantity: 10 })), lookupMock(other, ticket({ code: other }))]);
    await screen.findByTestId('redeem-refusal');
    for (const key of other) fireEvent.keyDown(window, { key });
    fireEvent.keyDown(window, { key: 'Enter' });
    const card = await screen.findByTestId('ticket-card');
    expect(card.getAttribute('data-code')).toBe(other);
    expect(codeField().value).toBe(other);
  });
});
