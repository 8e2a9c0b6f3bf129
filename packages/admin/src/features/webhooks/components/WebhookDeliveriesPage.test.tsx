import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAdminApp } from '../../../test/render';
import { WebhookDeliveriesDocument, WebhookDeliveryRetryDocument, WebhookEndpointsDocument } from '../api/webhooks';

const endpoint = {
  __typename: 'WebhookEndpoint' as const,
  id: 'e1',
  url: 'https://pos.example.com/hooks',
  description: null,
  events: ['order.paid'],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  createdAt: '2026-12-04T08:00:00Z',
  lastDelivery: null,
};
const attempt = (n: number, statusCode: number | null, extra: Record<string, unknown> = {}) => ({
  __typename: 'WebhookDeliveryAttempt' as const,
  attempt: n,
  attemptedAt: `2026-12-04T08:0${n}:00Z`,
  statusCode,
  durationMs: 40 + n,
  responseExcerpt: statusCode ? 'upstream down' : null,
  error: statusCode ? null : 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443',
  nextAttemptAt: null,
  ...extra,
});
const failed = {
  __typename: 'WebhookDelivery' as const,
  id: 'd1',
  eventType: 'order.paid',
  webhookId: 'msg_0f2c',
  payload: JSON.stringify({ type: 'order.paid', timestamp: '2026-12-04T08:00:00.000Z', data: { order: { number: 'T20261204-000001' } } }),
  status: 'FAILED' as const,
  attempt: 2,
  statusCode: 500,
  durationMs: 42,
  responseExcerpt: 'upstream down',
  error: null,
  attemptedAt: '2026-12-04T08:02:00Z',
  nextAttemptAt: null,
  createdAt: '2026-12-04T08:00:00Z',
  attempts: [attempt(1, null, { nextAttemptAt: '2026-12-04T08:00:05Z' }), attempt(2, 500)],
};
const page = (nodes: unknown[]) => ({
  request: { query: WebhookDeliveriesDocument, variables: { endpointId: 'e1', first: 20 } },
  result: {
    data: {
      webhookDeliveries: {
        __typename: 'WebhookDeliveryConnection',
        totalCount: nodes.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false },
        edges: nodes.map((node) => ({ __typename: 'WebhookDeliveryEdge', node })),
      },
    },
  },
});
const endpoints = { request: { query: WebhookEndpointsDocument }, result: { data: { webhookEndpoints: [endpoint] } } };
const retried = (payload: { delivery: unknown; errors: unknown[] }) => ({
  request: { query: WebhookDeliveryRetryDocument, variables: { input: { deliveryId: 'd1' } } },
  result: { data: { webhookDeliveryRetry: { __typename: 'WebhookDeliveryRetryPayload', ...payload } } },
});

describe('Webhook delivery log (B1)', () => {
  it('B1: each delivery shows its event, webhook-id, status, attempts, duration and excerpt; details list every attempt and the body; retry queues it again', async () => {
    const pending = { ...failed, status: 'PENDING' as const, nextAttemptAt: '2026-12-04T09:00:00Z' };
    renderAdminApp('/webhooks/e1', [endpoints, page([failed]), retried({ delivery: pending, errors: [] })]);
    const row = await screen.findByTestId('webhook-delivery-row');
    expect(within(row).getByText('msg_0f2c')).toBeTruthy();
    expect(within(row).getByText('訂單已付款')).toBeTruthy();
    expect(within(row).getByTestId('webhook-delivery-status').textContent).toBe('失敗 · 500');
    expect(within(row).getByText('42 毫秒')).toBeTruthy();
    expect(within(row).getByTestId('webhook-delivery-excerpt').textContent).toBe('upstream down');
    expect(await screen.findByText('https://pos.example.com/hooks')).toBeTruthy();

    const toggle = within(row).getByTestId('webhook-delivery-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const detail = await screen.findByTestId('webhook-delivery-detail');
    expect(within(detail).getByText(/#1 .*ECONNREFUSED/)).toBeTruthy();
    expect(within(detail).getByText(/#2 .*500/)).toBeTruthy();
    expect(within(detail).getByText(/T20261204-000001/)).toBeTruthy();

    fireEvent.click(within(row).getByTestId('webhook-delivery-retry'));
    expect((await screen.findByTestId('webhook-retry-notice')).textContent).toBe('已排入重送（webhook-id msg_0f2c）');
    expect(within(screen.getByTestId('webhook-delivery-row')).getByTestId('webhook-delivery-status').textContent).toBe('等待重送 · 500');
  });

  it('B1: a retry the server refuses (endpoint disabled) says why', async () => {
    const refusal = { __typename: 'WebhookDeliveryRetryError', code: 'ENDPOINT_DISABLED', message: '端點已停用，請先啟用再重送', field: 'deliveryId' };
    renderAdminApp('/webhooks/e1', [endpoints, page([failed]), retried({ delivery: null, errors: [refusal] })]);
    fireEvent.click(within(await screen.findByTestId('webhook-delivery-row')).getByTestId('webhook-delivery-retry'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('端點已停用，請先啟用再重送');
  });

  it('B1: an endpoint with nothing sent yet shows an empty log; an unknown endpoint says so', async () => {
    const { unmount } = renderAdminApp('/webhooks/e1', [endpoints, page([])]);
    expect(await screen.findByTestId('webhook-log-empty')).toBeTruthy();
    unmount();
    renderAdminApp('/webhooks/e1', [endpoints, { request: page([]).request, result: { data: { webhookDeliveries: null } } }]);
    expect(await screen.findByTestId('webhook-log-not-found')).toBeTruthy();
  });
});
