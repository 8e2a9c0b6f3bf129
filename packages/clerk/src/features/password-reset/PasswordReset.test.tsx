import type { MockedResponse } from '@apollo/client/testing';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ClerkPasswordResetCompleteDocument, ClerkPasswordResetRequestDocument } from '../../gql/graphql';
import { renderClerkApp } from '../../test/render';

const requestMock = (email: string): MockedResponse => ({
  request: { query: ClerkPasswordResetRequestDocument, variables: { input: { email, app: 'CLERK' } } },
  result: { data: { passwordResetRequest: { __typename: 'PasswordResetRequestPayload', accepted: true, validMinutes: 30, errors: [] } } },
});

const completeMock = (token: string, newPassword: string, errors: { code: string; message: string; field: string | null }[] = []): MockedResponse => ({
  request: { query: ClerkPasswordResetCompleteDocument, variables: { input: { token, newPassword } } },
  result: {
    data: {
      passwordResetComplete: {
        __typename: 'PasswordResetCompletePayload',
        passwordChanged: errors.length === 0,
        errors: errors.map((e) => ({ __typename: 'PasswordResetCompleteError', ...e })),
      },
    },
  },
});

describe('clerk account recovery (B9)', () => {
  it('B9: the sign-in page links to 忘記密碼, which asks for a link for the clerk app and says it was sent', async () => {
    renderClerkApp('/login', [requestMock('clerk@example.com')], { viewer: null });
    fireEvent.click(await screen.findByTestId('forgot-password'));
    const submit = await screen.findByTestId('reset-request-submit');
    fireEvent.change(screen.getByLabelText(/電子郵件/), { target: { value: ' clerk@example.com ' } });
    fireEvent.click(submit);
    expect((await screen.findByTestId('reset-sent')).textContent).toContain('30 分鐘');
  });

  it('B9: /reset-password sets the new password once both fields agree, then offers to sign in', async () => {
    renderClerkApp('/reset-password?token=tok-1', [completeMock('tok-1', 'new-secret-1')], { viewer: null });
    fireEvent.change(await screen.findByLabelText(/^新密碼/), { target: { value: 'new-secret-1' } });
    fireEvent.change(screen.getByLabelText(/再次輸入新密碼/), { target: { value: 'other' } });
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('不一致');
    fireEvent.change(screen.getByLabelText(/再次輸入新密碼/), { target: { value: 'new-secret-1' } });
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByTestId('reset-done')).toBeTruthy();
    expect(screen.getByTestId('reset-to-login').getAttribute('href')).toBe('/login');
  });

  it('B9: a used or expired link (INVALID_OR_EXPIRED_TOKEN) offers to ask for a new one', async () => {
    const mocks = [completeMock('old', 'new-secret-1', [{ code: 'INVALID_OR_EXPIRED_TOKEN', message: '連結已失效', field: 'token' }])];
    renderClerkApp('/reset-password?token=old', mocks, { viewer: null });
    fireEvent.change(await screen.findByLabelText(/^新密碼/), { target: { value: 'new-secret-1' } });
    fireEvent.change(screen.getByLabelText(/再次輸入新密碼/), { target: { value: 'new-secret-1' } });
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByTestId('reset-invalid')).toBeTruthy();
    expect(screen.getByTestId('reset-ask-again').getAttribute('href')).toBe('/forgot-password');
  });
});
