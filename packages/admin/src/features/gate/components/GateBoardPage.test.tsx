import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '@ticket/ui';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { GateBoardCountsDocument, GateBoardProductsDocument } from '../api/gate';
import type { GateCounts, GateCountsSink, SubscribeGateCounts } from '../lib/live';
import { GATE_POLL_MS } from '../lib/useGateCounts';
import { GateBoardPage } from './GateBoardPage';

const products = {
  request: { query: GateBoardProductsDocument },
  result: {
    data: {
      products: {
        __typename: 'ProductConnection',
        edges: [
          { __typename: 'ProductEdge', node: { __typename: 'Product', id: 'p1', title: '聖誕音樂會' } },
          { __typename: 'ProductEdge', node: { __typename: 'Product', id: 'p2', title: '親子劇場' } },
        ],
      },
    },
  },
};

const counts = (redeemed: { concert: number; theatre: number; lin: number; wang: number }): GateCounts => ({
  at: '2026-12-04T02:03:04Z',
  products: [
    { productId: 'p1', title: '聖誕音樂會', sold: 1200, redeemedToday: redeemed.concert, remaining: 1200 - redeemed.concert },
    { productId: 'p2', title: '親子劇場', sold: 80, redeemedToday: redeemed.theatre, remaining: 80 - redeemed.theatre },
  ],
  clerks: [
    { clerkId: 'c1', name: '林店員', redeemedToday: redeemed.lin },
    { clerkId: 'c2', name: '王店長', redeemedToday: redeemed.wang },
  ],
});

/** A socket the test drives: what each subscription asked for, and its sink to push through. */
function fakeSocket() {
  const subscriptions: { productId: string | null; sink: GateCountsSink; stopped: boolean }[] = [];
  const subscribe: SubscribeGateCounts = (productId, sink) => {
    const subscription = { productId, sink, stopped: false };
    subscriptions.push(subscription);
    return () => {
      subscription.stopped = true;
    };
  };
  return { subscribe, subscriptions, last: () => subscriptions.at(-1)! };
}

function renderBoard(subscribe: SubscribeGateCounts, mocks: unknown[] = [], route = '/gate-board') {
  return render(
    <TestProviders app="ADMIN" viewer={admin} route={route} mocks={[products, ...mocks] as never}>
      <GateBoardPage subscribe={subscribe} />
    </TestProviders>,
  );
}

const figures = (card: HTMLElement) => ['gate-sold', 'gate-redeemed', 'gate-remaining'].map((id) => within(card).getByTestId(id).textContent);

describe('商品 > 入場即時看板 (B2)', () => {
  it('B2: per product sold, redeemed today and remaining, per clerk redeemed today; a push changes the numbers at once, and the indicator says live or reconnecting', async () => {
    const socket = fakeSocket();
    renderBoard(socket.subscribe);
    // Until the first push: a loader, and the socket still opening.
    expect(screen.getByRole('status', { name: '載入中…' })).toBeTruthy();
    expect(screen.getByTestId('gate-mode').textContent).toBe('正在連線…');
    expect(socket.last().productId).toBeNull();

    act(() => {
      socket.last().sink.status('live');
      socket.last().sink.data(counts({ concert: 312, theatre: 5, lin: 300, wang: 17 }));
    });
    const cards = screen.getAllByTestId('gate-product');
    expect(cards.map((c) => within(c).getByRole('heading').textContent)).toEqual(['聖誕音樂會', '親子劇場']);
    expect(figures(cards[0]!)).toEqual(['1,200', '312', '888']);
    expect(figures(cards[1]!)).toEqual(['80', '5', '75']);
    expect(within(cards[0]!).getByText('已售出')).toBeTruthy();
    expect(within(cards[0]!).getByText('今日核銷')).toBeTruthy();
    expect(within(cards[0]!).getByText('剩餘可核銷')).toBeTruthy();
    expect(screen.getByTestId('gate-total').textContent).toBe('今日核銷合計 317 張');
    expect(screen.getAllByTestId('gate-clerk').map((r) => [within(r).getAllByRole('cell')[0]!.textContent, within(r).getByTestId('gate-clerk-redeemed').textContent])).toEqual([
      ['林店員', '300'],
      ['王店長', '17'],
    ]);
    expect(screen.getByTestId('gate-mode').textContent).toBe('連線中・即時更新');
    expect(screen.getByTestId('gate-updated-at').textContent).toBe('更新時間 10:03:04');
    expect(screen.queryByTestId('gate-polling')).toBeNull();

    // Someone redeems: the server pushes, the board follows without a reload.
    act(() => socket.last().sink.data(counts({ concert: 313, theatre: 5, lin: 301, wang: 17 })));
    expect(figures(screen.getAllByTestId('gate-product')[0]!)).toEqual(['1,200', '313', '887']);
    expect(within(screen.getAllByTestId('gate-clerk')[0]!).getByTestId('gate-clerk-redeemed').textContent).toBe('301');

    // The socket dropped: the last numbers stay, the indicator says so.
    act(() => socket.last().sink.status('reconnecting'));
    expect(screen.getByTestId('gate-mode').textContent).toBe('重新連線中…');
    expect(screen.getByTestId('gate-status').getAttribute('data-mode')).toBe('reconnecting');
    expect(figures(screen.getAllByTestId('gate-product')[0]!)).toEqual(['1,200', '313', '887']);
    expect(socket.subscriptions).toHaveLength(1);
  });

  it('B2: nothing redeemed today yet: an empty state that says how to see a product', async () => {
    const socket = fakeSocket();
    renderBoard(socket.subscribe);
    act(() => socket.last().sink.data({ at: '2026-12-04T00:00:05Z', products: [], clerks: [] }));
    const empty = screen.getByTestId('gate-empty');
    expect(empty.textContent).toContain('今天還沒有核銷');
    expect(empty.textContent).toContain('也可以選擇商品');
    expect(screen.queryByTestId('gate-product')).toBeNull();
  });

  it('B2: choosing a product subscribes for that product only, kept in the address; its counts replace the others', async () => {
    const socket = fakeSocket();
    renderBoard(socket.subscribe);
    act(() => socket.last().sink.data(counts({ concert: 1, theatre: 2, lin: 3, wang: 0 })));
    const filter = screen.getByLabelText('商品') as HTMLSelectElement;
    await waitFor(() => expect([...filter.options].map((o) => o.textContent)).toEqual(['全部（今日有核銷的商品）', '聖誕音樂會', '親子劇場']));

    fireEvent.change(filter, { target: { value: 'p2' } });
    expect(socket.subscriptions).toHaveLength(2);
    expect(socket.subscriptions[0]!.stopped).toBe(true);
    expect(socket.last().productId).toBe('p2');
    // Not the previous view's numbers under the new choice: a loader until its first push.
    expect(screen.queryByTestId('gate-product')).toBeNull();
    act(() =>
      socket.last().sink.data({
        at: '2026-12-04T02:10:00Z',
        products: [{ productId: 'p2', title: '親子劇場', sold: 80, redeemedToday: 0, remaining: 80 }],
        clerks: [],
      }),
    );
    expect(figures(screen.getByTestId('gate-product'))).toEqual(['80', '0', '80']);
    expect(screen.getByTestId('gate-clerks-empty').textContent).toBe('今天還沒有店員核銷');
    expect((screen.getByLabelText('商品') as HTMLSelectElement).value).toBe('p2');
  });

  it('B2: when the socket fails, the gateCounts query every 10 s instead, and the page says so; 重新連線 tries the socket again', async () => {
    const socket = fakeSocket();
    const polled = {
      request: { query: GateBoardCountsDocument, variables: { productId: null } },
      result: { data: { gateCounts: { __typename: 'GateCounts', ...withTypenames(counts({ concert: 40, theatre: 0, lin: 40, wang: 0 })) } } },
    };
    renderBoard(socket.subscribe, [polled]);
    act(() => socket.last().sink.fail());

    const notice = await screen.findByTestId('gate-polling');
    expect(notice.textContent).toContain('無法建立即時連線，改為每 10 秒自動更新一次。');
    expect(GATE_POLL_MS).toBe(10_000);
    expect(screen.getByTestId('gate-mode').textContent).toBe('每 10 秒更新');
    await waitFor(() => expect(figures(screen.getAllByTestId('gate-product')[0]!)).toEqual(['1,200', '40', '1,160']));

    fireEvent.click(screen.getByTestId('gate-reconnect'));
    expect(socket.subscriptions).toHaveLength(2);
    expect(screen.getByTestId('gate-mode').textContent).toBe('正在連線…');
    act(() => socket.last().sink.status('live'));
    expect(screen.queryByTestId('gate-polling')).toBeNull();
    expect(screen.getByTestId('gate-mode').textContent).toBe('連線中・即時更新');
  });

  it('B2: the English catalog names the same figures', async () => {
    const socket = fakeSocket();
    await act(() => i18n.changeLanguage('en'));
    try {
      renderBoard(socket.subscribe);
      act(() => {
        socket.last().sink.status('live');
        socket.last().sink.data(counts({ concert: 3, theatre: 0, lin: 3, wang: 0 }));
      });
      expect(screen.getByRole('heading', { name: 'Live gate board' })).toBeTruthy();
      expect(screen.getByTestId('gate-mode').textContent).toBe('Live');
      expect(within(screen.getAllByTestId('gate-product')[0]!).getByText('Redeemed today')).toBeTruthy();
    } finally {
      await act(() => i18n.changeLanguage('zh-TW'));
    }
  });
});

/** The same counts as the API sends them over HTTP (with __typename, for Apollo's cache). */
function withTypenames(c: GateCounts) {
  return {
    at: c.at,
    products: c.products.map((p) => ({ __typename: 'ProductGateCount', ...p })),
    clerks: c.clerks.map((k) => ({ __typename: 'ClerkGateCount', ...k })),
  };
}
