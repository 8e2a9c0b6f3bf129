import { graphql } from '../../../gql';

/** B5: one page of the audit log (操作紀錄), newest first. */
export const AuditEventsDocument = graphql(`
  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          action
          at
          ipAddress
          userAgent
          objectType
          objectId
          actor {
            type
            id
            name
          }
          changes {
            field
            before
            after
          }
        }
      }
    }
  }
`);

/** B5: the choices of the actor and action filters. */
export const AuditFilterChoicesDocument = graphql(`
  query AuditFilterChoices {
    auditActors {
      type
      id
      name
    }
    auditActions
  }
`);
