import { fireEvent, render, screen } from '@testing-library/react';
import { RESET_TOKEN, resetCompleteMock, resetRequestMock } from '@ticket/ui/password-reset/testing';
import { TestProviders, viewerMock } from '@ticket/ui/testing';
import type { MockedProviderProps } from '@apollo/client/testing/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from './AppRoutes';

function renderShop(route: string, mocks: MockedProviderProps['mocks'] = []) {
  return render(
    <TestProviders route={route} mocks={[viewerMock(null), ...mocks]}>
      <AppRoutes />
    </TestProviders>,
  );
}

const input = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });

describe('忘記密碼 (B9)', () => {
  it('B9: the sign-in page links to 忘記密碼？; asking shows the same words whether or not an account uses the email', async () => {
    renderShop('/login', [resetRequestMock({ email: 'someone@example.com', app: 'SHOP' })]);
    fireEvent.click(await screen.findByTestId('forgot-password-link'));
    expect(await screen.findByRole('heading', { name: '忘記密碼' })).toBeTruthy();
    type('email', '  someone@example.com ');
    fireEvent.click(screen.getByTestId('reset-request-submit'));
    const sent = await screen.findByTestId('reset-request-sent');
    expect(sent.textContent).toContain('如果這個電子郵件有帳號，我們已寄出重設連結。');
    expect(sent.textContent).toContain('30 分鐘內有效');
    fireEvent.click(screen.getByTestId('back-to-login'));
    expect(await screen.findByTestId('login-submit')).toBeTruthy();
  });

  it("B9: an empty email is stopped in the form; the server's refusals (bad email, too many requests) are shown", async () => {
    renderShop('/forgot-password', [
      resetRequestMock({ email: 'nope', app: 'SHOP' }, [{ code: 'INVALID_EMAIL', message: '電子郵件格式不正確', field: 'email' }]),
      resetRequestMock({ email: 'busy@example.com', app: 'SHOP' }, [{ code: 'TOO_MANY_ATTEMPTS', message: '申請次數過多，請 3600 秒後再試' }]),
    ]);
    fireEvent.click(await screen.findByTestId('reset-request-submit'));
    expect(await screen.findByText('此欄位必填')).toBeTruthy();
    type('email', 'nope');
    fireEvent.click(screen.getByTestId('reset-request-submit'));
    expect(await screen.findByText('電子郵件格式不正確')).toBeTruthy();
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
    type('email', 'busy@example.com');
    fireEvent.click(screen.getByTestId('reset-request-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('申請次數過多，請 3600 秒後再試');
    expect(screen.queryByTestId('reset-request-sent')).toBeNull();
  });
});

describe('/reset-password (B9)', () => {
  it('B9: the new password twice (a mismatch is stopped in the form), then success and a way to sign in', async () => {
    renderShop(`/reset-password?token=${RESET_TOKEN}`, [resetCompleteMock({ token: RESET_TOKEN, newPassword: 'new-secret-1' })]);
    expect(await screen.findByRole('heading', { name: '設定新密碼' })).toBeTruthy();
    type('newPassword', 'new-secret-1');
    type('confirmPassword', 'new-secret-2');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByText('兩次輸入的密碼不一致')).toBeTruthy();
    type('confirmPassword', 'new-secret-1');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect((await screen.findByTestId('reset-done')).textContent).toContain('密碼已更新');
    fireEvent.click(screen.getByTestId('reset-to-login'));
    expect(await screen.findByTestId('login-submit')).toBeTruthy();
  });

  it("B9: a too-short password shows the server's rule on the field and keeps the form", async () => {
    renderShop(`/reset-password?token=${RESET_TOKEN}`, [
      resetCompleteMock({ token: RESET_TOKEN, newPassword: 'short' }, [{ code: 'PASSWORD_TOO_SHORT', message: '密碼至少需要 8 個字元', field: 'newPassword' }]),
    ]);
    await screen.findByTestId('reset-submit');
    type('newPassword', 'short');
    type('confirmPassword', 'short');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByText('密碼至少需要 8 個字元')).toBeTruthy();
    expect(screen.getByTestId('reset-submit')).toBeTruthy();
    expect(screen.queryByTestId('reset-done')).toBeNull();
  });

  it('B9: a used or expired link says so clearly and offers to ask for a new one', async () => {
    renderShop(`/reset-password?token=${RESET_TOKEN}`, [
      resetCompleteMock({ token: RESET_TOKEN, newPassword: 'new-secret-1' }, [
        { code: 'INVALID_OR_EXPIRED_TOKEN', message: '此重設連結無效、已使用或已過期，請重新申請', field: 'token' },
      ]),
    ]);
    await screen.findByTestId('reset-submit');
    type('newPassword', 'new-secret-1');
    type('confirmPassword', 'new-secret-1');
    fireEvent.click(screen.getByTestId('reset-submit'));
    const invalid = await screen.findByTestId('reset-invalid');
    expect(invalid.textContent).toContain('這個重設連結無法使用');
    expect(invalid.textContent).toContain('30 分鐘');
    fireEvent.click(screen.getByTestId('reset-ask-again'));
    expect(await screen.findByTestId('reset-request-submit')).toBeTruthy();
  });

  it('B9: a link without a token is refused at once, without asking the server', async () => {
    renderShop('/reset-password');
    expect(await screen.findByTestId('reset-invalid')).toBeTruthy();
    expect(screen.queryByTestId('reset-submit')).toBeNull();
  });
});
