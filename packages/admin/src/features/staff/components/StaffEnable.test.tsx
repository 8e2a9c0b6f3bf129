import type { MockedProviderProps } from '@apollo/client/testing/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { StaffEnableDocument, StaffMembersDocument } from '../api/staff';
import { StaffListPage } from './StaffListPage';

const disabledClerk = {
  __typename: 'User' as const,
  id: 'u3',
  name: '陳店員',
  email: 'old-clerk@example.com',
  role: 'TICKET_CLERK' as const,
  permissions: ['TICKETS_READ' as const, 'TICKETS_REDEEM' as const],
  disabledAt: '2026-11-20T02:00:00Z',
  createdAt: '2026-11-01T02:00:00Z',
};

const staffMembers = {
  request: { query: StaffMembersDocument },
  result: { data: { staffMembers: { __typename: 'StaffConnection', totalCount: 1, edges: [{ __typename: 'StaffEdge', node: disabledClerk }] } } },
};

const enableAnswer = (errors: { code: string; message: string }[]) => ({
  request: { query: StaffEnableDocument, variables: { input: { staffId: 'u3' } } },
  result: {
    data: {
      staffEnable: {
        __typename: 'StaffEnablePayload',
        staff: errors.length ? null : { ...disabledClerk, disabledAt: null },
        errors: errors.map((e) => ({ __typename: 'StaffEnableError', field: 'staffId', ...e })),
      },
    },
  },
});

function renderList(mocks: MockedProviderProps['mocks'] = []) {
  render(
    <TestProviders app="ADMIN" viewer={admin} mocks={[staffMembers, ...mocks]}>
      <StaffListPage />
    </TestProviders>,
  );
}

describe('管理者列表: 啟用 (B9, S4)', () => {
  it('B9: a disabled account is listed as 已停用 with 啟用; enabling asks first, then the row shows it active', async () => {
    renderList([enableAnswer([])]);
    const row = await screen.findByTestId('staff-row');
    expect(within(row).getByText('已停用')).toBeTruthy();
    expect(within(row).queryByTestId('staff-disable')).toBeNull();
    fireEvent.click(within(row).getByTestId('staff-enable'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('確定要重新啟用「陳店員」嗎？此帳號將可以用原本的密碼登入，並恢復原有的權限。')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('confirm-submit'));
    await waitFor(() => expect(within(screen.getByTestId('staff-row')).getByText('啟用中')).toBeTruthy());
    expect(within(screen.getByTestId('staff-row')).getByTestId('staff-disable')).toBeTruthy();
  });

  it("B9: cancelling changes nothing; the server's refusal (PERMISSION_NOT_HELD) is shown in the dialog", async () => {
    renderList([enableAnswer([{ code: 'PERMISSION_NOT_HELD', message: '您沒有「TICKETS_READ」權限，因此無法啟用此帳號' }])]);
    const row = await screen.findByTestId('staff-row');
    fireEvent.click(within(row).getByTestId('staff-enable'));
    fireEvent.click(within(await screen.findByRole('dialog')).getByTestId('confirm-cancel'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(row).getByText('已停用')).toBeTruthy();

    fireEvent.click(within(row).getByTestId('staff-enable'));
    fireEvent.click(within(await screen.findByRole('dialog')).getByTestId('confirm-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('您沒有「TICKETS_READ」權限，因此無法啟用此帳號');
    expect(within(row).getByText('已停用')).toBeTruthy();
  });
});
