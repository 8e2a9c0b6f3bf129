import { graphql } from '../../../gql';

graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    name
    prefix
    scopes
    createdAt
    revokedAt
  }
`);

export const ApiKeysDocument = graphql(`
  query ApiKeys {
    apiKeys {
      ...ApiKeyRow
    }
  }
`);

export const ApiKeyCreateDocument = graphql(`
  mutation ApiKeyCreate($input: ApiKeyCreateInput!) {
    apiKeyCreate(input: $input) {
      apiKey {
        ...ApiKeyRow
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

export const ApiKeyRevokeDocument = graphql(`
  mutation ApiKeyRevoke($input: ApiKeyRevokeInput!) {
    apiKeyRevoke(input: $input) {
      apiKey {
        ...ApiKeyRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** I1: a new name or a new set of scopes (the secret stays). */
export const ApiKeyUpdateDocument = graphql(`
  mutation ApiKeyUpdate($input: ApiKeyUpdateInput!) {
    apiKeyUpdate(input: $input) {
      apiKey {
        ...ApiKeyRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** The scopes an integrator's key can carry (I1). */
export const SCOPES = ['tickets:read', 'tickets:redeem', 'orders:read', 'catalog:write', 'reports:read', 'webhooks:manage'] as const;
