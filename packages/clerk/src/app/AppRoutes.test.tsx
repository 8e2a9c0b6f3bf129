import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clerk, CODE, loginMock, lookupMock, ticket, viewerMock } from '../test/fixtures';
import { renderClerkApp } from '../test/render';


async function signIn(email: string) {
  fireEvent.change(await screen.findByLabelText(/電子郵件/), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/密碼/), { target: { value: 'secret123' } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('clerk sign-in', () => {
  it('S2: a shopper is refused with the server message, shown prominently', async () => {
    const message = '此帳號無法登入核銷系統（僅限門市店員與管理者）';
    const mocks = [
      viewerMock(null),
      loginMock({ email: 'shopper@example.com', password: 'secret123', app: 'CLERK' }, [{ code: 'WRONG_APP', message, field: 'email' }]),
    ];
    renderClerkApp('/redeem', mocks, { viewer: undefined });
    await signIn('shopper@example.com');
    expect((await screen.findByTestId('form-error')).textContent).toContain(message);
    expect(screen.queryByTestId('viewer-name')).toBeNull();
  });

  it('R3: a logged-out clerk opening /redeem/{code} signs in and lands back on that code', async () => {
    const mocks = [viewerMock(null), loginMock({ email: 'clerk@example.com', password: 'secret123', app: 'CLERK' }), viewerMock(clerk), lookupMock(CODE, ticket())];
    renderClerkApp(`/redeem/${CODE}`, mocks, { viewer: undefined });
    await signIn('clerk@example.com');
    expect((await screen.findByTestId('viewer-name')).textContent).toBe('林店員');
    expect((screen.getByTestId('redeem-code') as HTMLInputElement).value).toBe(CODE);
    expect((await screen.findByTestId('ticket-card')).getAttribute('data-code')).toBe(CODE);
    expect(screen.getByTestId('nav-redeem')).toBeTruthy();
    expect(screen.getByTestId('nav-redemptions')).toBeTruthy();
  });
});
