import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { WebhookEndpointCreateDocument, WebhookEndpointDeleteDocument, WebhookEndpointsDocument, WebhookEndpointUpdateDocument } from '../api/webhooks';
import { WebhooksPage } from './WebhooksPage';

const endpoint = {
  __typename: 'WebhookEndpoint' as const,
  id: 'e1',
  url: 'https://pos.example.com/hooks',
  description: 'POS 對帳',
  events: ['order.paid', 'ticket_code.redeemed'],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  createdAt: '2026-12-04T08:00:00Z',
  lastDelivery: { __typename: 'WebhookDelivery' as const, id: 'd1', status: 'SUCCEEDED' as const, statusCode: 200, eventType: 'order.paid', attemptedAt: '2026-12-04T08:01:00Z', createdAt: '2026-12-04T08:01:00Z' },
};
const failing = { ...endpoint, id: 'e2', url: 'https://crm.example.com/in', description: null, events: ['refund.created'], enabled: false, disabledReason: 'FAILING' as const, disabledAt: '2026-12-07T08:00:00Z', lastDelivery: { ...endpoint.lastDelivery, id: 'd2', status: 'FAILED' as const, statusCode: 500 } };

const list = (endpoints: unknown[]) => ({ request: { query: WebhookEndpointsDocument }, result: { data: { webhookEndpoints: endpoints } } });
const error = (typename: string, code: string, message: string, field: string | null) => ({ __typename: typename, code, message, field });

function renderPage(mocks: unknown[]) {
  return render(
    <TestProviders app="ADMIN" viewer={admin} mocks={mocks as never}>
      <WebhooksPage />
    </TestProviders>,
  );
}

describe('管理中心 > Webhooks (B1)', () => {
  it('B1: lists each endpoint with its URL, events, state and last delivery; an endpoint disabled after 3 days of failures says so', async () => {
    renderPage([list([endpoint, failing])]);
    const rows = await screen.findAllByTestId('webhook-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('https://pos.example.com/hooks')).toBeTruthy();
    expect(within(rows[0]!).getByText('訂單已付款')).toBeTruthy();
    expect(within(rows[0]!).getByText('票券已核銷')).toBeTruthy();
    expect(within(rows[0]!).getByText('啟用中')).toBeTruthy();
    expect(within(rows[0]!).getByTestId('webhook-delivery-status').textContent).toBe('成功 · 200');
    expect(within(rows[1]!).getByText('連續失敗 3 天，已自動停用')).toBeTruthy();
    expect(within(rows[1]!).getByTestId('webhook-delivery-status').textContent).toBe('失敗 · 500');
    expect(within(rows[0]!).getByTestId('webhook-deliveries').getAttribute('href')).toBe('/webhooks/e1');
  });

  it('B1: with no endpoint, an empty state; when the list cannot load, an error', async () => {
    const { unmount } = renderPage([list([])]);
    expect(await screen.findByTestId('webhooks-empty')).toBeTruthy();
    unmount();
    renderPage([{ request: { query: WebhookEndpointsDocument }, error: new Error('offline') }]);
    expect((await screen.findByTestId('form-error')).textContent).toBe('無法連線到伺服器，請稍後再試。');
  });

  it('B1: creating an endpoint shows its secret once, with a warning and a copy button; refusals appear beside their fields', async () => {
    const input = { url: 'https://pos.example.com/hooks', events: ['order.paid', 'ticket_code.redeemed'], description: 'POS 對帳' };
    const mocks = [
      list([]),
      {
        request: { query: WebhookEndpointCreateDocument, variables: { input: { url: 'http://pos.example.com/hooks', events: [], description: null } } },
        result: {
          data: {
            webhookEndpointCreate: {
              __typename: 'WebhookEndpointCreatePayload',
              endpoint: null,
              secret: null,
              errors: [
                error('WebhookEndpointCreateError', 'URL_NOT_HTTPS', 'Webhook 網址必須是 https（僅在非正式環境可用 http://localhost）', 'url'),
                error('WebhookEndpointCreateError', 'EVENTS_REQUIRED', '請至少選擇一種事件', 'events'),
              ],
            },
          },
        },
      },
      {
        request: { query: WebhookEndpointCreateDocument, variables: { input } },
        result: { data: { webhookEndpointCreate: { __typename: 'WebhookEndpointCreatePayload', endpoint: { ...endpoint, lastDelivery: null }, secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0', errors: [] } } },
      },
      list([{ ...endpoint, lastDelivery: null }]),
    ];
    renderPage(mocks);
    expect(await screen.findByTestId('webhooks-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('webhook-create'));
    const url = await screen.findByLabelText(/網址/);
    fireEvent.change(url, { target: { value: 'http://pos.example.com/hooks' } });
    fireEvent.click(screen.getByTestId('webhook-submit'));
    expect(await screen.findByText('Webhook 網址必須是 https（僅在非正式環境可用 http://localhost）')).toBeTruthy();
    expect(screen.getByText('請至少選擇一種事件')).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/網址/), { target: { value: input.url } });
    fireEvent.change(screen.getByLabelText(/說明/), { target: { value: input.description } });
    fireEvent.click(screen.getByLabelText(/order\.paid/));
    fireEvent.click(screen.getByLabelText(/ticket_code\.redeemed/));
    fireEvent.click(screen.getByTestId('webhook-submit'));
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    expect(screen.getByText('此密鑰只會顯示這一次')).toBeTruthy();
    expect(screen.getByTestId('webhook-secret-copy')).toBeTruthy();
    expect(await screen.findByTestId('webhook-row')).toBeTruthy();
    fireEvent.click(screen.getByTestId('webhook-secret-close'));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  });

  it('B1: rotating the secret asks first, then shows the new secret once', async () => {
    const mocks = [
      list([endpoint]),
      {
        request: { query: WebhookEndpointUpdateDocument, variables: { input: { id: 'e1', rotateSecret: true } } },
        result: { data: { webhookEndpointUpdate: { __typename: 'WebhookEndpointUpdatePayload', endpoint, secret: 'whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1z', errors: [] } } },
      },
    ];
    renderPage(mocks);
    fireEvent.click(within(await screen.findByTestId('webhook-row')).getByTestId('webhook-rotate'));
    expect(await screen.findByText(/確定要為「https:\/\/pos\.example\.com\/hooks」產生新的簽章密鑰嗎/)).toBeTruthy();
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    fireEvent.click(screen.getByTestId('confirm-submit'));
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1z');
  });

  it('B1: editing changes events and turns the endpoint off; deleting asks first and the list follows', async () => {
    const off = { ...endpoint, events: ['order.paid'], enabled: false, disabledReason: 'MANUAL' as const, disabledAt: '2026-12-04T09:00:00Z' };
    const mocks = [
      list([endpoint]),
      {
        request: { query: WebhookEndpointUpdateDocument, variables: { input: { id: 'e1', url: endpoint.url, events: ['order.paid'], description: 'POS 對帳', enabled: false } } },
        result: { data: { webhookEndpointUpdate: { __typename: 'WebhookEndpointUpdatePayload', endpoint: off, secret: null, errors: [] } } },
      },
      { request: { query: WebhookEndpointDeleteDocument, variables: { input: { id: 'e1' } } }, result: { data: { webhookEndpointDelete: { __typename: 'WebhookEndpointDeletePayload', deletedId: 'e1', errors: [] } } } },
      list([]),
    ];
    renderPage(mocks);
    fireEvent.click(within(await screen.findByTestId('webhook-row')).getByTestId('webhook-edit'));
    fireEvent.click(await screen.findByLabelText(/ticket_code\.redeemed/));
    fireEvent.click(screen.getByRole('switch'));
    fireEvent.click(screen.getByTestId('webhook-submit'));
    expect(await within(screen.getByTestId('webhook-row')).findByText('已停用')).toBeTruthy();

    fireEvent.click(within(screen.getByTestId('webhook-row')).getByTestId('webhook-delete'));
    expect(await screen.findByText(/它的傳送紀錄會一併刪除/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('confirm-submit'));
    expect(await screen.findByTestId('webhooks-empty')).toBeTruthy();
  });
});
