import type { MockedProviderProps } from '@apollo/client/testing/react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { i18n } from '@ticket/ui';
import { RESET_TOKEN, resetCompleteMock, resetRequestMock } from '@ticket/ui/password-reset/testing';
import { TestProviders, viewerMock } from '@ticket/ui/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { AppRoutes } from './AppRoutes';

function renderSignedOut(route: string, mocks: MockedProviderProps['mocks'] = []) {
  return render(
    <TestProviders app="ADMIN" route={route} mocks={[viewerMock(null), ...mocks]}>
      <AppRoutes />
    </TestProviders>,
  );
}

const type = (name: string, value: string) => fireEvent.change(document.querySelector(`input[name="${name}"]`)!, { target: { value } });

afterEach(async () => {
  await act(() => i18n.changeLanguage('zh-TW'));
});

describe('管理後台 忘記密碼 (B9)', () => {
  it("B9: the admin sign-in links to 忘記密碼？; the request mails the admin console's link and always shows the same words", async () => {
    renderSignedOut('/login', [resetRequestMock({ email: 'manager@example.com', app: 'ADMIN' })]);
    fireEvent.click(await screen.findByTestId('forgot-password-link'));
    type('email', 'manager@example.com');
    fireEvent.click(await screen.findByTestId('reset-request-submit'));
    expect((await screen.findByTestId('reset-request-sent')).textContent).toContain('如果這個電子郵件有帳號，我們已寄出重設連結。');
    // Asking again goes back to the form.
    fireEvent.click(screen.getByTestId('reset-request-again'));
    expect(await screen.findByTestId('reset-request-submit')).toBeTruthy();
  });

  it('B9: in English, the same answer: "If an account uses this email, we have sent a reset link"', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderSignedOut('/forgot-password', [resetRequestMock({ email: 'manager@example.com', app: 'ADMIN' })]);
    expect(await screen.findByRole('heading', { name: 'Forgot your password' })).toBeTruthy();
    type('email', 'manager@example.com');
    fireEvent.click(screen.getByTestId('reset-request-submit'));
    expect((await screen.findByTestId('reset-request-sent')).textContent).toContain('If an account uses this email, we have sent a reset link.');
  });

  it('B9: /reset-password sets the new password, then offers the sign-in page', async () => {
    renderSignedOut(`/reset-password?token=${RESET_TOKEN}`, [resetCompleteMock({ token: RESET_TOKEN, newPassword: 'admin-new-pw' })]);
    await screen.findByTestId('reset-submit');
    type('newPassword', 'admin-new-pw');
    type('confirmPassword', 'admin-new-pw');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect((await screen.findByTestId('reset-done')).textContent).toContain('其他裝置上的登入都已登出');
    fireEvent.click(screen.getByTestId('reset-to-login'));
    expect(await screen.findByText('管理後台登入')).toBeTruthy();
  });

  it('B9: an expired link says so in English and offers a new one', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderSignedOut(`/reset-password?token=${RESET_TOKEN}`, [
      resetCompleteMock({ token: RESET_TOKEN, newPassword: 'admin-new-pw' }, [
        { code: 'INVALID_OR_EXPIRED_TOKEN', message: 'This reset link is not valid, was already used or has expired: ask for a new one', field: 'token' },
      ]),
    ]);
    await screen.findByTestId('reset-submit');
    type('newPassword', 'admin-new-pw');
    type('confirmPassword', 'admin-new-pw');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect((await screen.findByTestId('reset-invalid')).textContent).toContain('This reset link cannot be used');
    fireEvent.click(screen.getByTestId('reset-ask-again'));
    expect(await screen.findByRole('heading', { name: 'Forgot your password' })).toBeTruthy();
  });
});
