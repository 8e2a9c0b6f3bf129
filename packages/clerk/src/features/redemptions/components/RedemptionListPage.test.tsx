import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CODE, SPLIT_CODE, lookupMock, row, searchMock, ticket } from '../../../test/fixtures';
import { renderClerkApp } from '../../../test/render';

const SPLIT_2 = '3456789ABCDEFGHJKMNPQRSTU';

describe('票券核銷列表 (redemption list)', () => {
  it('R3: searches by recipient phone; an active code offers 前往核銷, which opens the redeem page from the list', async () => {
    renderClerkApp('/redemptions', [
      searchMock(null, [row({ code: 'NEWESTCODE' })]),
      searchMock({ field: 'RECIPIENT_PHONE', query: '0912' }, [row()]),
      lookupMock(CODE, ticket()),
    ]);
    expect((await screen.findAllByTestId('code-row'))[0]!.getAttribute('data-code')).toBe('NEWESTCODE');

    const field = screen.getByTestId('search-field') as HTMLSelectElement;
    expect(field.tagName).toBe('SELECT');
    expect(field.name).toBe('field');
    expect([...field.options].map((o) => o.text)).toEqual(['票券名稱', '核銷碼', '收件人姓名', '收件人手機', '訂單編號']);
    fireEvent.change(field, { target: { value: 'RECIPIENT_PHONE' } });
    fireEvent.change(screen.getByTestId('search-query'), { target: { value: ' 0912 ' } });
    fireEvent.click(screen.getByTestId('search-submit'));

    const found = await screen.findByText('共 1 筆');
    expect(found).toBeTruthy();
    const line = screen.getByTestId('code-row');
    expect(line.getAttribute('data-code')).toBe(CODE);
    for (const text of ['草地音樂節', '早鳥票', '王小明', '0912***678', 'T20261126-0001', '3 / 10', '可使用']) expect(line.textContent).toContain(text);

    const go = within(line).getByTestId('go-redeem');
    expect(go.getAttribute('href')).toBe(`/redeem/${CODE}?from=list`);
    fireEvent.click(go);
    const card = await screen.findByTestId('ticket-card');
    expect(card.getAttribute('data-code')).toBe(CODE);
    expect((screen.getByTestId('redeem-code') as HTMLInputElement).value).toBe(CODE);
  });

  it('X4: a split original shows 查看 with its split codes and their status; void and used-up codes offer no redemption', async () => {
    renderClerkApp('/redemptions?field=ORDER_NUMBER&q=T2026', [
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
        row({ code: 'FULLYUSED2', status: 'FULLY_REDEEMED', remainingQuantity: 0 }),
        row({ code: 'REFUNDED22', status: 'REFUNDED', remainingQuantity: 0 }),
      ]),
    ]);
    const rows = await screen.findAllByTestId('code-row');
    const [split, used, refunded] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect((screen.getByTestId('search-field') as HTMLSelectElement).value).toBe('ORDER_NUMBER');
    expect((screen.getByTestId('search-query') as HTMLInputElement).value).toBe('T2026');
    expect(within(split).queryByTestId('go-redeem')).toBeNull();
    expect(within(used).queryByTestId('go-redeem')).toBeNull();
    expect(within(used).getByTestId('ticket-status').textContent).toBe('已全部核銷');
    expect(within(refunded).queryByTestId('go-redeem')).toBeNull();
    expect(within(refunded).getByTestId('ticket-status').textContent).toBe('已退款');

    fireEvent.click(within(split).getByTestId('view-split'));
    const dialog = await screen.findByTestId('split-dialog');
    const children = within(dialog).getAllByTestId('split-child');
    expect(children.map((c) => [c.getAttribute('data-code'), within(c).getByTestId('ticket-status').textContent])).toEqual([
      [SPLIT_CODE, '已全部核銷'],
      [SPLIT_2, '可使用'],
    ]);
    expect(within(dialog).getByTestId('split-go-redeem').getAttribute('href')).toBe(`/redeem/${SPLIT_2}?from=list`);
  });

  it('R3: 載入更多 appends the next page', async () => {
    const first = Array.from({ length: 20 }, (_, i) => row({ code: `CODE${String(i).padStart(6, '2')}` }));
    renderClerkApp('/redemptions', [
      searchMock(null, first, { totalCount: 21, hasNextPage: true, endCursor: 'c19' }),
      searchMock(null, [row({ code: 'LASTCODE22' })], { after: 'c19', totalCount: 21 }),
    ]);
    expect(await screen.findAllByTestId('code-row')).toHaveLength(20);
    expect(screen.getByTestId('list-total').textContent).toBe('共 21 筆');
    fireEvent.click(screen.getByTestId('load-more'));
    expect(await screen.findByText('LASTCODE22')).toBeTruthy();
    expect(screen.getAllByTestId('code-row')).toHaveLength(21);
    expect(screen.queryByTestId('load-more')).toBeNull();
  });

  it('says so when nothing matches', async () => {
    renderClerkApp('/redemptions?field=RECIPIENT_NAME&q=nobody', [searchMock({ field: 'RECIPIENT_NAME', query: 'nobody' }, [])]);
    expect((await screen.findByTestId('list-empty')).textContent).toContain('沒有符合的票券');
  });
});
