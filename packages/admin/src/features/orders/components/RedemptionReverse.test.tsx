import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useViewer } from '@ticket/ui';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it, vi } from 'vitest';
import { admin } from '../../../test/fixtures';
import { TicketCodeRedemptionReverseDocument } from '../api/redemptionReverse';
import { CodeRedemptionHistory, reversibleOf } from './CodeRedemptionHistory';

let keys = 0;
vi.mock('../../../lib/idempotency', () => ({ newIdempotencyKey: () => `key-${++keys}` }));

const adjuster = { ...admin, permissions: [...admin.permissions, 'REDEMPTIONS_ADJUST'] } as typeof admin;

const redemption = (id: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  __typename: 'Redemption' as const,
  id,
  kind: 'REDEMPTION' as const,
  quantity,
  channel: 'SCANNER' as const,
  device: '入口 2',
  redeemedBy: '林店員',
  createdAt: '2026-11-25T10:00:00Z',
  reason: null,
  reversedQuantity: 0,
  ...extra,
});

const HISTORY = [
  redemption('rv1', -1, { kind: 'REVERSAL', channel: 'MANUAL', device: null, redeemedBy: '王店長', createdAt: '2026-11-26T02:00:00Z', reason: '店員誤刷' }),
  redemption('r2', 3, { reversedQuantity: 1 }),
  redemption('r1', 1, { reversedQuantity: 1 }),
];

const reverseMock = (input: Record<string, unknown>, payload: Record<string, unknown>) => ({
  request: { query: TicketCodeRedemptionReverseDocument, variables: { input } },
  result: { data: { ticketCodeRedemptionReverse: { __typename: 'TicketCodeRedemptionReversePayload', reversal: null, ticketCode: null, errors: [], ...payload } } },
});

const success = (input: Record<string, unknown>, remaining: number) =>
  reverseMock(input, {
    reversal: { __typename: 'Redemption', id: 'rv2', kind: 'REVERSAL', quantity: -(input.quantity as number), reason: input.reason, redeemedBy: '王店長', createdAt: '2026-11-27T02:00:00Z' },
    ticketCode: { __typename: 'TicketCode', code: 'AAAAAAAAAA', redeemedQuantity: 1, remainingQuantity: remaining, status: 'ACTIVE' },
  });

/** Shows once the session's viewer (and so its permissions) is known. */
function ViewerReady() {
  return useViewer() ? <span data-testid="viewer-ready" /> : null;
}

async function renderHistory(viewer: typeof admin, mocks: object[] = [], status = 'ACTIVE') {
  const view = render(
    <TestProviders app="ADMIN" viewer={viewer} route="/orders/o1" mocks={mocks as never}>
      <ViewerReady />
      <CodeRedemptionHistory code={{ code: 'AAAAAAAAAA', status: status as 'ACTIVE' }} redemptions={HISTORY} />
    </TestProviders>,
  );
  await screen.findByTestId('viewer-ready');
  return view;
}

async function openFor(id: string) {
  const row = screen.getAllByTestId('redemption-row').find((r) => r.getAttribute('data-id') === id)!;
  fireEvent.click(within(row).getByTestId('reverse-open'));
  return screen.findByTestId('reverse-form');
}

describe('更正核銷 in the code history (B3)', () => {
  it('B3: the history shows a correction (negative quantity, reason) and what each redemption had corrected', async () => {
    await renderHistory(adjuster);
    const rows = await screen.findAllByTestId('redemption-row');
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['REVERSAL', 'REDEMPTION', 'REDEMPTION']);
    expect(within(rows[0]!).getByTestId('redemption-quantity').textContent).toBe('-1');
    expect(within(rows[0]!).getByTestId('reversal-badge').textContent).toBe('更正');
    expect(within(rows[0]!).getByTestId('reversal-reason').textContent).toBe('原因：店員誤刷');
    expect(within(rows[1]!).getByTestId('reversed-note').textContent).toBe('已更正 1 張');
    // 更正 only where something is left to give back: never on a correction, not on a redemption given back whole.
    expect(rows.map((r) => !!within(r).queryByTestId('reverse-open'))).toEqual([false, true, false]);
  });

  it('B3: no 更正 button without REDEMPTIONS_ADJUST, nor on a void code', async () => {
    const { unmount } = await renderHistory(admin);
    await screen.findAllByTestId('redemption-row');
    expect(screen.queryAllByTestId('reverse-open')).toEqual([]);
    unmount();
    await renderHistory(adjuster, [], 'REFUNDED');
    await screen.findAllByTestId('redemption-row');
    expect(screen.queryAllByTestId('reverse-open')).toEqual([]);
    expect(reversibleOf({ status: 'SPLIT' }, { kind: 'REDEMPTION', quantity: 2, reversedQuantity: 0 })).toBe(0);
    expect(reversibleOf({ status: 'FULLY_REDEEMED' }, { kind: 'REDEMPTION', quantity: 2, reversedQuantity: 1 })).toBe(1);
  });

  it('B3: asks quantity (at most what is left) and a required reason, then confirms in words, then corrects once', async () => {
    keys = 0;
    await renderHistory(adjuster, [success({ redemptionId: 'r2', quantity: 2, reason: '店員誤刷兩張', idempotencyKey: 'key-2' }, 4)]);
    const form = await openFor('r2');
    expect(within(form).getByTestId('reverse-redemption').textContent).toContain('林店員');
    expect(form.textContent).toContain('已更正 1 張');
    // Nothing typed: both fields say so.
    fireEvent.click(within(form).getByTestId('reverse-next'));
    expect(await within(form).findByText('請輸入 1 到 2 的整數')).toBeTruthy();
    expect(within(form).getByText('請填寫更正原因')).toBeTruthy();
    const quantity = within(form).getByRole('textbox', { name: /更正張數/ });
    fireEvent.change(quantity, { target: { value: '3' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /更正原因/ }), { target: { value: '  店員誤刷兩張 ' } });
    fireEvent.click(within(form).getByTestId('reverse-next'));
    expect(await within(form).findByText('請輸入 1 到 2 的整數')).toBeTruthy();
    fireEvent.change(quantity, { target: { value: '2' } });
    fireEvent.click(within(form).getByTestId('reverse-next'));

    const confirm = await screen.findByTestId('reverse-confirm');
    expect(within(confirm).getByTestId('reverse-confirm-text').textContent).toBe('確定要將 2 張退回核銷碼 AAAAAAAAAA 嗎？此操作會記錄在操作紀錄中，且無法刪除。');
    expect(confirm.textContent).toContain('店員誤刷兩張');
    fireEvent.click(within(confirm).getByTestId('reverse-submit'));
    expect((await screen.findByTestId('reverse-done')).textContent).toBe('已更正 2 張，核銷碼 AAAAAAAAAA 剩餘 4 張。');
    await waitFor(() => expect(screen.queryByTestId('reverse-confirm')).toBeNull());
  });

  it('B3/B8: a confirm retried after a network failure sends the same idempotency key', async () => {
    keys = 0;
    const input = { redemptionId: 'r2', quantity: 1, reason: '重複核銷', idempotencyKey: 'key-2' };
    await renderHistory(adjuster, [{ request: { query: TicketCodeRedemptionReverseDocument, variables: { input } }, error: new Error('offline') }, success(input, 3)]);
    const form = await openFor('r2');
    fireEvent.change(within(form).getByRole('textbox', { name: /更正張數/ }), { target: { value: '1' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /更正原因/ }), { target: { value: '重複核銷' } });
    fireEvent.click(within(form).getByTestId('reverse-next'));
    const confirm = await screen.findByTestId('reverse-confirm');
    fireEvent.click(within(confirm).getByTestId('reverse-submit'));
    expect(await within(confirm).findByText('無法連線到伺服器，請稍後再試。')).toBeTruthy();
    fireEvent.click(within(confirm).getByTestId('reverse-submit'));
    expect((await screen.findByTestId('reverse-done')).textContent).toContain('已更正 1 張');
  });

  it('B3: the server\'s refusals are shown where they can be fixed (quantity) or on the confirm step (a void code)', async () => {
    keys = 0;
    const first = { redemptionId: 'r2', quantity: 2, reason: '誤刷', idempotencyKey: 'key-2' };
    const second = { ...first, quantity: 1, idempotencyKey: 'key-3' };
    await renderHistory(adjuster, [
      reverseMock(first, { errors: [{ __typename: 'TicketCodeRedemptionReverseError', code: 'QUANTITY_EXCEEDS_REDEEMED', message: '更正數量超過此筆核銷尚可更正的數量（尚可更正 1）', field: 'quantity' }] }),
      reverseMock(second, { errors: [{ __typename: 'TicketCodeRedemptionReverseError', code: 'CODE_VOID', message: '此核銷碼已失效（已分票或已退款），無法更正核銷', field: 'redemptionId' }] }),
    ]);
    const form = await openFor('r2');
    fireEvent.change(within(form).getByRole('textbox', { name: /更正張數/ }), { target: { value: '2' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /更正原因/ }), { target: { value: '誤刷' } });
    fireEvent.click(within(form).getByTestId('reverse-next'));
    fireEvent.click(within(await screen.findByTestId('reverse-confirm')).getByTestId('reverse-submit'));
    // Someone corrected part of it meanwhile: back to the form, the message under the quantity.
    const again = await screen.findByTestId('reverse-form');
    expect(await within(again).findByText('更正數量超過此筆核銷尚可更正的數量（尚可更正 1）')).toBeTruthy();
    fireEvent.change(within(again).getByRole('textbox', { name: /更正張數/ }), { target: { value: '1' } });
    fireEvent.click(within(again).getByTestId('reverse-next'));
    const confirm = await screen.findByTestId('reverse-confirm');
    fireEvent.click(within(confirm).getByTestId('reverse-submit'));
    expect(await within(confirm).findByText('此核銷碼已失效（已分票或已退款），無法更正核銷')).toBeTruthy();
    expect(screen.queryByTestId('reverse-done')).toBeNull();
  });
});
