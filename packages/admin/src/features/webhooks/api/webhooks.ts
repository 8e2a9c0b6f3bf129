import { graphql } from '../../../gql';

graphql(`
  fragment WebhookDeliveryRow on WebhookDelivery {
    id
    eventType
    webhookId
    payload
    status
    attempt
    statusCode
    durationMs
    responseExcerpt
    error
    attemptedAt
    nextAttemptAt
    createdAt
    attempts {
      attempt
      attemptedAt
      statusCode
      durationMs
      responseExcerpt
      error
      nextAttemptAt
    }
  }
`);

graphql(`
  fragment WebhookEndpointRow on WebhookEndpoint {
    id
    url
    description
    events
    enabled
    disabledReason
    disabledAt
    failingSince
    createdAt
    lastDelivery {
      id
      status
      statusCode
      eventType
      attemptedAt
      createdAt
    }
  }
`);

export const WebhookEndpointsDocument = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      ...WebhookEndpointRow
    }
  }
`);

export const WebhookEndpointCreateDocument = graphql(`
  mutation WebhookEndpointCreate($input: WebhookEndpointCreateInput!) {
    webhookEndpointCreate(input: $input) {
      endpoint {
        ...WebhookEndpointRow
      }
      secret
      errors {
        code
        message
        field
      }
    }
  }
`);

export const WebhookEndpointUpdateDocument = graphql(`
  mutation WebhookEndpointUpdate($input: WebhookEndpointUpdateInput!) {
    webhookEndpointUpdate(input: $input) {
      endpoint {
        ...WebhookEndpointRow
      }
      secret
      errors {
        code
        message
        field
      }
    }
  }
`);

export const WebhookEndpointDeleteDocument = graphql(`
  mutation WebhookEndpointDelete($input: WebhookEndpointDeleteInput!) {
    webhookEndpointDelete(input: $input) {
      deletedId
      errors {
        code
        message
        field
      }
    }
  }
`);

export const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($endpointId: ID!, $first: Int) {
    webhookDeliveries(endpointId: $endpointId, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          ...WebhookDeliveryRow
        }
      }
    }
  }
`);

export const WebhookDeliveryRetryDocument = graphql(`
  mutation WebhookDeliveryRetry($input: WebhookDeliveryRetryInput!) {
    webhookDeliveryRetry(input: $input) {
      delivery {
        ...WebhookDeliveryRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** The events an endpoint can subscribe to (the server's fixed list, B1). */
export const WEBHOOK_EVENTS = ['order.paid', 'order.cancelled', 'refund.created', 'ticket_code.redeemed', 'ticket_code.split', 'ticket_code.redemption_reversed'] as const;

/** How many deliveries a page of the log shows, and how many more "load more" adds. */
export const DELIVERY_PAGE = 20;
