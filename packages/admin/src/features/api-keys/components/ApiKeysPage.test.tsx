import { fireEvent, render, screen } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { ApiKeyCreateDocument, ApiKeysDocument } from '../api/apiKeys';
import { ApiKeysPage } from './ApiKeysPage';

const key = { __typename: 'ApiKey', id: 'k1', name: 'POS', prefix: 'etk_ab12', scopes: ['tickets:redeem'], createdAt: '2026-11-26T08:00:00Z', revokedAt: null };

describe('API keys', () => {
  it('I1: the secret is shown once after creation, with a copy button', async () => {
    const mocks = [
      { request: { query: ApiKeysDocument }, result: { data: { apiKeys: [] } } },
      {
        request: { query: ApiKeyCreateDocument, variables: { input: { name: 'POS', scopes: ['tickets:redeem'] } } },
        result: { data: { apiKeyCreate: { __typename: 'ApiKeyCreatePayload', apiKey: key, secret: 'etk_ab12_secret', errors: [] } } },
      },
      { request: { query: ApiKeysDocument }, result: { data: { apiKeys: [key] } } },
    ];
    render(
      <TestProviders app="ADMIN" viewer={admin} mocks={mocks}>
        <ApiKeysPage />
      </TestProviders>,
    );
    expect(await screen.findByTestId('api-keys-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('api-key-create'));
    fireEvent.change(await screen.findByLabelText(/名稱/), { target: { value: 'POS' } });
    fireEvent.click(screen.getByLabelText(/tickets:redeem/));
    fireEvent.click(screen.getByTestId('api-key-create-submit'));
    expect((await screen.findByTestId('api-key-secret')).textContent).toBe('etk_ab12_secret');
    expect(screen.getByTestId('api-key-copy')).toBeTruthy();
    expect(await screen.findByTestId('api-key-row')).toBeTruthy();
  });
});
