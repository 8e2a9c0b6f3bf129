import type { ClientOptions, Sink } from 'graphql-ws';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { subscribeGateCounts, type GateCountsSink } from './live';

/** What the page's subscription gave graphql-ws: the client's options, the subscribe payload and its sink. */
const made: { options: ClientOptions; payload?: { query: string; variables?: Record<string, unknown> | null }; sink?: Sink; unsubscribed: boolean; disposed: boolean }[] = [];

vi.mock('graphql-ws', () => ({
  createClient: (options: ClientOptions) => {
    const client = { options, unsubscribed: false, disposed: false } as (typeof made)[number];
    made.push(client);
    return {
      subscribe: (payload: (typeof made)[number]['payload'], sink: Sink) => {
        client.payload = payload;
        client.sink = sink;
        return () => {
          client.unsubscribed = true;
        };
      },
      dispose: () => {
        client.disposed = true;
      },
    };
  },
}));

function recorder() {
  const seen: string[] = [];
  const sink: GateCountsSink = {
    data: (c) => seen.push(`data ${c.products.map((p) => p.redeemedToday).join(',')}`),
    status: (s) => seen.push(`status ${s}`),
    fail: () => seen.push('fail'),
  };
  return { seen, sink };
}

beforeEach(() => {
  made.length = 0;
});

describe('the gate board socket (B2, graphql-ws)', () => {
  it("B2: subscribes to gateCounts on the page's own origin at /graphql with the session cookie (no connectionParams), for the product chosen", () => {
    const { sink } = recorder();
    subscribeGateCounts('p1', sink);
    const [client] = made;
    expect(client!.options.url).toBe(`ws://${location.host}/graphql`);
    expect(client!.options.connectionParams).toBeUndefined();
    expect(client!.options.retryAttempts).toBe(3);
    expect(client!.payload!.query).toMatch(/subscription GateBoardLive\(\$productId: ID\)[\s\S]*gateCounts\(productId: \$productId\)/);
    expect(client!.payload!.variables).toEqual({ productId: 'p1' });
  });

  it('B2: the socket events become live / reconnecting; pushes reach the page; a spent retry (error) fails once, to polling', () => {
    const { seen, sink } = recorder();
    subscribeGateCounts(null, sink);
    const [client] = made;
    const on = client!.options.on!;
    on.connecting!(false);
    on.connected!({} as never, undefined, false);
    client!.sink!.next({ data: { gateCounts: { at: '2026-12-04T02:00:00Z', products: [{ productId: 'p1', title: 'A', sold: 3, redeemedToday: 2, remaining: 1 }], clerks: [] } } });
    on.closed!({} as never);
    on.connecting!(true);
    client!.sink!.error(new Error('retries spent'));
    client!.sink!.complete();
    expect(seen).toEqual(['status connecting', 'status live', 'status live', 'data 2', 'status reconnecting', 'status reconnecting', 'fail']);
    expect(client!.disposed).toBe(true);
  });

  it('B2: stopping (another product, leaving the page) unsubscribes and closes the socket; nothing reaches the page after', () => {
    const { seen, sink } = recorder();
    const stop = subscribeGateCounts(null, sink);
    const [client] = made;
    stop();
    expect(client!.unsubscribed).toBe(true);
    expect(client!.disposed).toBe(true);
    client!.options.on!.closed!({} as never);
    client!.sink!.complete();
    expect(seen).toEqual([]);
  });
});
