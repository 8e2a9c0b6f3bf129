import { fireEvent, render, screen } from '@testing-library/react';
import { TestProviders, viewerMock } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../app/AppRoutes';
import { catalogHomeMock } from '../../../test/fixtures';
import { CustomerRegisterDocument, RegistrationEmailRequiredDocument } from '../api/register';

const emailRequired = (required: boolean) => ({
  request: { query: RegistrationEmailRequiredDocument },
  result: { data: { registrationEmailRequired: required } },
});

const registerMock = (input: { name: string; email: string | null; phone: string | null; password: string }, errors: { code: string; message: string; field: string }[]) => ({
  request: { query: CustomerRegisterDocument, variables: { input } },
  result: {
    data: {
      customerRegister: {
        __typename: 'CustomerRegisterPayload',
        user: errors.length ? null : { __typename: 'User', id: '9', name: input.name },
        errors: errors.map((e) => ({ __typename: 'CustomerRegisterError', ...e })),
      },
    },
  },
});

async function fill(values: Record<string, string>) {
  await screen.findByTestId('register-submit');
  for (const [name, value] of Object.entries(values)) {
    fireEvent.change(document.querySelector(`input[name="${name}"]`)!, { target: { value } });
  }
  fireEvent.click(screen.getByTestId('register-submit'));
}

describe('registration', () => {
  it('K6: when the store requires an email, registering without one is stopped in the form', async () => {
    render(
      <TestProviders route="/register" mocks={[viewerMock(null), emailRequired(true)]}>
        <AppRoutes />
      </TestProviders>,
    );
    await fill({ name: '陳小美', password: 'secret123' });
    const email = document.querySelector<HTMLInputElement>('input[name="email"]')!;
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('此欄位必填')).toBeTruthy();
  });

  it("shows the server's refusal (email already registered)", async () => {
    const input = { name: '陳小美', email: 'shopper@example.com', phone: null, password: 'secret123' };
    render(
      <TestProviders
        route="/register"
        mocks={[viewerMock(null), emailRequired(false), registerMock(input, [{ code: 'EMAIL_TAKEN', message: '此電子郵件已註冊', field: 'email' }])]}
      >
        <AppRoutes />
      </TestProviders>,
    );
    await fill({ name: input.name, email: input.email, password: input.password });
    expect((await screen.findByTestId('form-error')).textContent).toContain('此電子郵件已註冊');
  });

  it('signs the new shopper in and shows their name', async () => {
    const input = { name: '王大明', email: 'new@example.com', phone: '0912000111', password: 'secret123' };
    const shopper = { id: '9', name: input.name, email: input.email, role: 'CUSTOMER' as const, permissions: ['SHOPPER_ACCESS'] };
    render(
      <TestProviders route="/register" mocks={[viewerMock(null), emailRequired(true), registerMock(input, []), viewerMock(shopper), catalogHomeMock([])]}>
        <AppRoutes />
      </TestProviders>,
    );
    await fill({ name: input.name, email: input.email, phone: input.phone, password: input.password });
    expect((await screen.findByTestId('viewer-name')).textContent).toBe('王大明');
    expect(screen.getByTestId('logout')).toBeTruthy();
    expect(await screen.findByTestId('catalog-empty')).toBeTruthy();
  });
});
