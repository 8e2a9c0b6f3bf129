import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { StaffMembersDocument, StaffUpdatePermissionsDocument } from '../api/staff';
import { StaffListPage } from './StaffListPage';

const clerk = {
  __typename: 'User' as const,
  id: 'u2',
  name: '林店員',
  email: 'clerk@example.com',
  role: 'TICKET_CLERK' as const,
  permissions: ['TICKETS_READ' as const, 'TICKETS_REDEEM' as const],
  disabledAt: null,
  createdAt: '2026-11-01T02:00:00Z',
};

const staffMembers = {
  request: { query: StaffMembersDocument },
  result: {
    data: {
      staffMembers: { __typename: 'StaffConnection', totalCount: 1, edges: [{ __typename: 'StaffEdge', node: clerk }] },
    },
  },
};

describe('管理者列表', () => {
  it("S1: editing a ticket clerk's permissions shows the server's refusal", async () => {
    const refused = {
      request: {
        query: StaffUpdatePermissionsDocument,
        variables: { input: { staffId: 'u2', permissions: ['TICKETS_READ', 'TICKETS_REDEEM', 'ORDERS_READ'] } },
      },
      result: {
        data: {
          staffUpdatePermissions: {
            __typename: 'StaffUpdatePermissionsPayload',
            staff: null,
            errors: [{ __typename: 'StaffUpdatePermissionsError', code: 'STORE_USER_PERMISSIONS_IMMUTABLE', message: '門市用戶的權限無法修改', field: 'permissions' }],
          },
        },
      },
    };
    render(
      <TestProviders app="ADMIN" viewer={admin} mocks={[staffMembers, refused]}>
        <StaffListPage />
      </TestProviders>,
    );
    const row = await screen.findByTestId('staff-row');
    expect(within(row).getByText('電子票券門市')).toBeTruthy();
    fireEvent.click(within(row).getByTestId('staff-edit-permissions'));
    fireEvent.click(await screen.findByLabelText('檢視訂單'));
    fireEvent.click(screen.getByTestId('permissions-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('門市用戶的權限無法修改');
  });
});
