/*
 * The clerk's API answers for component tests (MockedProvider), built on the clerk's own documents. The
 * data builders (ticket, row) and the fake camera are the ones the admin app's tests use too.
 */
import type { MockedResponse } from '@apollo/client/testing';
import type { RedeemTicket, TicketCodeRow } from '@ticket/ui/redemption';
import {
  ClerkGateCountsDocument,
  ClerkLoginDocument,
  ClerkOfflineProductsDocument,
  ClerkOfflineSnapshotCreateDocument,
  ClerkOfflineSyncDocument,
  ClerkTicketLookupDocument,
  ClerkTicketRedeemDocument,
  ClerkTicketSearchDocument,
  ClerkViewerDocument,
  type OfflineSyncOutcome,
  type TicketCodeRedeemInput,
  type TicketCodeSearchField,
} from '../gql/graphql';
import { ticket } from '@ticket/ui/redemption/testing';

export { allowCamera, CODE, fakeCamera, fakeHtml5Qrcode, row, SPLIT_CODE, ticket } from '@ticket/ui/redemption/testing';
export type { TicketCodeRedeemInput } from '../gql/graphql';

export const clerk = { id: '2', name: '林店員', role: 'TICKET_CLERK' as const, permissions: ['TICKETS_READ', 'TICKETS_REDEEM'] };
export type TestViewer = typeof clerk;

export function viewerMock(viewer: TestViewer | null): MockedResponse {
  return { request: { query: ClerkViewerDocument }, result: { data: { viewer: viewer && { __typename: 'Viewer', ...viewer } } } };
}

export function loginMock(input: { email: string; password: string; app: 'CLERK' }, errors: { code: string; message: string; field?: string }[] = []): MockedResponse {
  return {
    request: { query: ClerkLoginDocument, variables: { input } },
    result: { data: { authLogin: { __typename: 'AuthLoginPayload', errors: errors.map((e) => ({ __typename: 'AuthLoginError', field: null, ...e })) } } },
  };
}

export function lookupMock(code: string, answer: RedeemTicket | null, extra: { maxUsageCount?: number; delay?: number } = {}): MockedResponse {
  return { request: { query: ClerkTicketLookupDocument, variables: { code } }, result: { data: { ticketCode: answer && ticket(answer) } }, ...extra };
}

export function blockedLookupMock(code: string, seconds: number): MockedResponse {
  return {
    request: { query: ClerkTicketLookupDocument, variables: { code } },
    result: { data: { ticketCode: null }, errors: [{ message: `查詢次數過多，請 ${seconds} 秒後再試`, extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: seconds } }] },
  };
}

/** A look-up that never reaches the server (the network is down). */
export function unreachableLookupMock(code: string): MockedResponse {
  return { request: { query: ClerkTicketLookupDocument, variables: { code } }, error: new TypeError('Failed to fetch') };
}

/** A redemption answer; `seen` collects every input the page sent. */
export function redeemMock(
  seen: TicketCodeRedeemInput[],
  answer: (input: TicketCodeRedeemInput) => { ticketCode?: RedeemTicket | null; errors?: { code: string; message: string }[] },
): MockedResponse {
  return {
    request: { query: ClerkTicketRedeemDocument, variables: () => true },
    result: ({ input }: { input: TicketCodeRedeemInput }) => {
      seen.push(input);
      const a = answer(input);
      const errors = (a.errors ?? []).map((e) => ({ __typename: 'TicketCodeRedeemError', ...e }));
      return {
        data: {
          ticketCodeRedeem: {
            __typename: 'TicketCodeRedeemPayload',
            redemption: errors.length ? null : { __typename: 'Redemption', id: `r-${seen.length}`, quantity: input.quantity },
            ticketCode: a.ticketCode ? ticket(a.ticketCode) : null,
            errors,
          },
        },
      };
    },
  } as MockedResponse;
}

/** A redemption that never reaches the server (the network drops). */
export function failingRedeemMock(seen: TicketCodeRedeemInput[]): MockedResponse {
  return {
    request: {
      query: ClerkTicketRedeemDocument,
      variables: ({ input }: { input: TicketCodeRedeemInput }) => {
        seen.push(input);
        return true;
      },
    },
    error: new Error('Failed to fetch'),
  } as MockedResponse;
}

export function searchMock(
  search: { field: TicketCodeSearchField; query: string } | null,
  rows: TicketCodeRow[],
  page: { after?: string; totalCount?: number; hasNextPage?: boolean; endCursor?: string } = {},
): MockedResponse {
  return {
    request: { query: ClerkTicketSearchDocument, variables: page.after ? { search, first: 20, after: page.after } : { search, first: 20 } },
    result: {
      data: {
        ticketCodes: {
          __typename: 'TicketCodeConnection',
          totalCount: page.totalCount ?? rows.length,
          pageInfo: { __typename: 'PageInfo', hasNextPage: page.hasNextPage ?? false, endCursor: page.endCursor ?? null },
          edges: rows.map((r, i) => ({
            __typename: 'TicketCodeEdge',
            cursor: `c${i}`,
            node: {
              __typename: 'TicketCode',
              ...r,
              parent: r.parent ? { __typename: 'TicketCode', ...r.parent } : null,
              children: r.children.map((c) => ({ __typename: 'TicketCode', ...c })),
            },
          })),
        },
      },
    },
  };
}

export function offlineProductsMock(products: { id: string; title: string; offlineWindowHours?: number }[]): MockedResponse {
  return {
    request: { query: ClerkOfflineProductsDocument },
    result: { data: { offlineProducts: products.map((p) => ({ __typename: 'Product', offlineWindowHours: 12, ...p })) } },
  };
}

export interface TestSnapshot {
  id: string;
  productId: string;
  productTitle: string;
  issuedAt: string;
  expiresAt: string;
  hashKey: string;
  signature: string;
  entries: { codeHash: string; remaining: number; variantName: string; splitChild: boolean }[];
}

export function snapshotMock(productId: string, deviceId: string | (() => boolean), snapshot: TestSnapshot | null, errors: { code: string; message: string }[] = []): MockedResponse {
  return {
    request: { query: ClerkOfflineSnapshotCreateDocument, variables: typeof deviceId === 'string' ? { input: { productId, deviceId } } : () => true },
    result: {
      data: {
        offlineSnapshotCreate: {
          __typename: 'OfflineSnapshotCreatePayload',
          snapshot: snapshot && { __typename: 'OfflineSnapshot', ...snapshot, entries: snapshot.entries.map((e) => ({ __typename: 'OfflineSnapshotEntry', ...e })) },
          errors: errors.map((e) => ({ __typename: 'OfflineSnapshotCreateError', ...e })),
        },
      },
    },
  } as MockedResponse;
}

export interface SyncInput {
  snapshotId: string;
  deviceId: string;
  redemptions: { code: string; idempotencyKey: string; redeemedAt: string }[];
}

/** A sync answer per redemption (default REDEEMED); `seen` collects the inputs. */
export function syncMock(seen: SyncInput[], outcome: (code: string) => OfflineSyncOutcome = () => 'REDEEMED', errors: { code: string; message: string }[] = []): MockedResponse {
  return {
    request: { query: ClerkOfflineSyncDocument, variables: () => true },
    result: ({ input }: { input: SyncInput }) => {
      seen.push(input);
      return {
        data: {
          ticketCodeOfflineSync: {
            __typename: 'TicketCodeOfflineSyncPayload',
            results: errors.length
              ? []
              : input.redemptions.map((r, i) => {
                  const o = outcome(r.code);
                  return { __typename: 'OfflineSyncResult', idempotencyKey: r.idempotencyKey, outcome: o, conflictId: o === 'CONFLICT' ? `c${i}` : null, message: null };
                }),
            retryAfterSeconds: null,
            errors: errors.map((e) => ({ __typename: 'TicketCodeOfflineSyncError', ...e })),
          },
        },
      };
    },
  } as MockedResponse;
}

export function gateCountsMock(clerkId: string, redeemedToday: number): MockedResponse {
  return {
    request: { query: ClerkGateCountsDocument },
    result: { data: { gateCounts: { __typename: 'GateCounts', at: '2026-11-26T10:00:00+08:00', clerks: [{ __typename: 'ClerkGateCount', clerkId, redeemedToday }] } } },
  };
}
