import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '@ticket/ui';
import { CODE, lookupMock, redeemMock, row, searchMock, SPLIT_CODE, ticket } from '@ticket/ui/redemption/testing';
import type { TicketCodeRedeemInput } from '@ticket/ui/redemption';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAdminApp } from '../../../test/render';

const SPLIT_2 = '3456789ABCDEFGHJKMNPQRSTU';

describe('商品 > 票券核銷列表 (admin redemption list)', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-TW');
  });

  it('R3: admin list search then go redeem link: by recipient phone, 前往核銷 opens 核銷票券頁 with the code, recorded as LIST from an admin device', async () => {
    const seen: TicketCodeRedeemInput[] = [];
    renderAdminApp('/redemptions', [
      searchMock(null, [row({ code: 'NEWESTCODE' })]),
      searchMock({ field: 'RECIPIENT_PHONE', query: '0912' }, [row()]),
      lookupMock(CODE, ticket()),
      redeemMock(seen, () => ({ ticketCode: ticket({ redeemedQuantity: 8, remainingQuantity: 2 }) }), '王店長'),
    ]);
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('票券核銷列表');
    expect(screen.getByTestId('nav-redemptions').getAttribute('data-active')).toBe('true');
    // A table for a desk: the newest codes first, before any search.
    const first = await screen.findAllByTestId('code-row');
    expect(first[0]!.tagName).toBe('TR');
    expect(first[0]!.getAttribute('data-code')).toBe('NEWESTCODE');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['核銷碼', '票券', '收件人', '訂單編號', '剩餘 / 總數', '狀態', '操作']);

    fireEvent.change(screen.getByTestId('search-field'), { target: { value: 'RECIPIENT_PHONE' } });
    fireEvent.change(screen.getByTestId('search-query'), { target: { value: ' 0912 ' } });
    fireEvent.click(screen.getByTestId('search-submit'));
    expect(await screen.findByText('共 1 筆')).toBeTruthy();
    const line = screen.getByTestId('code-row');
    for (const text of [CODE, '草地音樂節', '早鳥票', '王小明', '0912***678', 'T20261126-0001', '3 / 10', '可使用']) expect(line.textContent).toContain(text);

    const go = within(line).getByTestId('go-redeem');
    expect(go.textContent).toBe('前往核銷');
    expect(go.getAttribute('href')).toBe(`/redeem/${CODE}?from=list`);
    fireEvent.click(go);
    const card = await screen.findByTestId('ticket-card');
    expect(card.getAttribute('data-code')).toBe(CODE);
    expect((screen.getByTestId('redeem-code') as HTMLInputElement).value).toBe(CODE);
    expect(screen.getByTestId('nav-redeem').getAttribute('data-active')).toBe('true');

    fireEvent.click(screen.getByTestId('redeem-submit'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await screen.findByTestId('redeem-success');
    expect(seen).toEqual([{ code: CODE, quantity: 1, channel: 'LIST', idempotencyKey: expect.any(String), device: expect.stringMatching(/^admin /) }]);
  });

  it('R3: a broad search says 200 or more (the server counts that far) and asks to narrow it', async () => {
    renderAdminApp('/redemptions?field=TICKET_NAME&q=音樂', [searchMock({ field: 'TICKET_NAME', query: '音樂' }, [row()], { totalCount: 200, hasNextPage: true, endCursor: 'c0' })]);
    expect((await screen.findByTestId('list-total')).textContent).toBe('200 筆以上，請縮小搜尋範圍');
  });

  it('R3: without a search the total is the whole list, not capped', async () => {
    renderAdminApp('/redemptions', [searchMock(null, [row()], { totalCount: 1500, hasNextPage: true, endCursor: 'c0' })]);
    expect((await screen.findByTestId('list-total')).textContent).toBe('共 1500 筆');
  });

  it('X4: split code shows view not go redeem: 查看 opens every split code with its status', async () => {
    renderAdminApp('/redemptions?field=ORDER_NUMBER&q=T2026', [
      searchMock({ field: 'ORDER_NUMBER', query: 'T2026' }, [
        row({
          code: CODE,
          status: 'SPLIT',
          remainingQuantity: 0,
          children: [
            { code: SPLIT_CODE, status: 'FULLY_REDEEMED', quantity: 1, remainingQuantity: 0 },
            { code: SPLIT_2, status: 'ACTIVE', quantity: 1, remainingQuantity: 1 },
          ],
        }),
        row({ code: 'REFUNDED22', status: 'REFUNDED', remainingQuantity: 0 }),
      ]),
    ]);
    const [split, refunded] = (await screen.findAllByTestId('code-row')) as [HTMLElement, HTMLElement];
    expect(within(split).getByTestId('ticket-status').textContent).toBe('已分票');
    expect(within(split).queryByTestId('go-redeem')).toBeNull();
    expect(within(refunded).queryByTestId('go-redeem')).toBeNull();
    expect(within(refunded).queryByTestId('view-split')).toBeNull();

    const view = within(split).getByTestId('view-split');
    expect(view.textContent).toBe('查看');
    fireEvent.click(view);
    const dialog = await screen.findByTestId('split-dialog');
    expect(within(dialog).getAllByTestId('split-child').map((c) => [c.getAttribute('data-code'), within(c).getByTestId('ticket-status').textContent])).toEqual([
      [SPLIT_CODE, '已全部核銷'],
      [SPLIT_2, '可使用'],
    ]);
    fireEvent.click(within(dialog).getByTestId('split-close'));
    await waitFor(() => expect(screen.queryByTestId('split-dialog')).toBeNull());
  });

  it('R3: shows a loader, then says so when nothing matches; 載入更多 pages on', async () => {
    const page = Array.from({ length: 20 }, (_, i) => row({ code: `CODE${String(i).padStart(6, '2')}` }));
    renderAdminApp('/redemptions?field=RECIPIENT_NAME&q=nobody', [
      searchMock({ field: 'RECIPIENT_NAME', query: 'nobody' }, []),
      searchMock(null, page, { totalCount: 21, hasNextPage: true, endCursor: 'c19' }),
      searchMock(null, [row({ code: 'LASTCODE22' })], { after: 'c19', totalCount: 21 }),
    ]);
    expect(screen.getByRole('status')).toBeTruthy();
    expect((await screen.findByTestId('list-empty')).textContent).toContain('沒有符合的票券');

    fireEvent.change(screen.getByTestId('search-query'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('search-submit'));
    expect(await screen.findAllByTestId('code-row')).toHaveLength(20);
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() => expect(screen.getAllByTestId('code-row')).toHaveLength(21));
    expect(screen.queryByTestId('load-more')).toBeNull();
  });

  it('speaks English after the language switch', async () => {
    await i18n.changeLanguage('en');
    renderAdminApp('/redemptions', [searchMock(null, [row()])]);
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Redemption list');
    const line = await screen.findByTestId('code-row');
    expect(within(line).getByTestId('go-redeem').textContent).toBe('Redeem');
    expect(within(line).getByTestId('ticket-status').textContent).toBe('Valid');
  });
});
