import { graphql } from '../../../gql';
import type { Permission } from '../../../gql/graphql';

graphql(`
  fragment StaffRow on User {
    id
    name
    email
    role
    permissions
    disabledAt
    createdAt
  }
`);

export const StaffMembersDocument = graphql(`
  query StaffMembers {
    staffMembers(first: 100) {
      totalCount
      edges {
        node {
          ...StaffRow
        }
      }
    }
  }
`);

export const StaffCreateDocument = graphql(`
  mutation StaffCreate($input: StaffCreateInput!) {
    staffCreate(input: $input) {
      staff {
        ...StaffRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const StaffUpdatePermissionsDocument = graphql(`
  mutation StaffUpdatePermissions($input: StaffUpdatePermissionsInput!) {
    staffUpdatePermissions(input: $input) {
      staff {
        ...StaffRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const StaffDisableDocument = graphql(`
  mutation StaffDisable($input: StaffDisableInput!) {
    staffDisable(input: $input) {
      staff {
        ...StaffRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** B9: undoes staffDisable. */
export const StaffEnableDocument = graphql(`
  mutation StaffEnable($input: StaffEnableInput!) {
    staffEnable(input: $input) {
      staff {
        ...StaffRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** What an admin can be given (the server's ALL_ADMIN_PERMISSIONS); shopping is not a staff permission. */
export const ADMIN_PERMISSIONS = [
  'CATALOG_MANAGE',
  'ORDERS_READ',
  'ORDERS_MANAGE',
  'REFUNDS_MANAGE',
  'TICKETS_READ',
  'TICKETS_REDEEM',
  'STAFF_MANAGE',
  'API_KEYS_MANAGE',
  'SETTINGS_MANAGE',
  'REPORTS_READ',
  'WEBHOOKS_MANAGE',
  'AUDIT_READ',
  'REDEMPTIONS_ADJUST',
] as const satisfies readonly Permission[];
