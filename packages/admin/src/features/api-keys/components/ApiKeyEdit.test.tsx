import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { ApiKeysDocument, ApiKeyUpdateDocument } from '../api/apiKeys';
import { ApiKeysPage } from './ApiKeysPage';

const key = { __typename: 'ApiKey', id: 'k1', name: 'POS', prefix: 'etk_ab12', scopes: ['tickets:redeem'], createdAt: '2026-11-26T08:00:00Z', revokedAt: null };
const update = (scopes: string[], result: object) => ({ request: { query: ApiKeyUpdateDocument, variables: { input: { id: 'k1', name: 'POS 櫃台', scopes } } }, result: { data: { apiKeyUpdate: result } } });

function renderPage(mocks: object[]) {
  render(
    <TestProviders app="ADMIN" viewer={admin} mocks={[{ request: { query: ApiKeysDocument }, result: { data: { apiKeys: [key] } } }, ...mocks] as never}>
      <ApiKeysPage />
    </TestProviders>,
  );
}

describe('API keys: editing', () => {
  it('I1: 編輯 renames a key and changes its scopes in place; the row shows the new scopes', async () => {
    renderPage([
      update(['tickets:redeem', 'orders:read'], { __typename: 'ApiKeyUpdatePayload', apiKey: { ...key, name: 'POS 櫃台', scopes: ['tickets:redeem', 'orders:read'] }, errors: [] }),
    ]);
    fireEvent.click(await screen.findByTestId('api-key-edit'));
    const dialog = within(await screen.findByRole('dialog'));
    expect((dialog.getByLabelText(/tickets:redeem/) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(dialog.getByLabelText(/名稱/), { target: { value: 'POS 櫃台' } });
    fireEvent.click(dialog.getByLabelText(/orders:read/));
    fireEvent.click(dialog.getByTestId('api-key-save-submit'));
    expect((await screen.findByTestId('notice')).textContent).toContain('已更新「POS 櫃台」');
    expect(screen.getByTestId('api-key-row').textContent).toContain('POS 櫃台');
  });

  it('I1: a scope the admin does not hold is refused by the server, and the reason is shown in the dialog', async () => {
    renderPage([
      update(['tickets:redeem', 'catalog:write'], {
        __typename: 'ApiKeyUpdatePayload',
        apiKey: null,
        errors: [{ __typename: 'ApiKeyUpdateError', code: 'SCOPE_NOT_HELD', message: '您沒有權限範圍「catalog:write」所需的權限', field: 'scopes' }],
      }),
    ]);
    fireEvent.click(await screen.findByTestId('api-key-edit'));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText(/名稱/), { target: { value: 'POS 櫃台' } });
    fireEvent.click(dialog.getByLabelText(/catalog:write/));
    fireEvent.click(dialog.getByTestId('api-key-save-submit'));
    expect((await dialog.findByTestId('form-error')).textContent).toBe('您沒有權限範圍「catalog:write」所需的權限');
  });
});
