/*
 * Answers of the redemption API for component tests (MockedProvider), for the clerk and the admin app.
 * Not exported from '@ticket/ui/redemption', so apps never bundle them: import '@ticket/ui/redemption/testing'.
 */
import {
  RedemptionTicketLookupDocument,
  RedemptionTicketRedeemDocument,
  RedemptionTicketSearchDocument,
  type RedeemTicket,
  type TicketCodeRedeemInput,
  type TicketCodeRow,
  type TicketCodeSearchField,
} from './documents';

export const CODE = 'ABCDEFGHJK';
export const SPLIT_CODE = '23456789ABCDEFGHJKMNPQRST';

/** A code as the API sends it (with __typename, which the mocked cache wants). */
export function ticket(overrides: Partial<RedeemTicket> = {}): RedeemTicket {
  const base: RedeemTicket = {
    code: CODE,
    quantity: 10,
    redeemedQuantity: 7,
    refundedQuantity: 0,
    remainingQuantity: 3,
    status: 'ACTIVE',
    productTitle: '草地音樂節',
    variantName: '早鳥票',
    validFrom: null,
    validUntil: null,
    holderName: '王小明',
    holderPhoneMasked: '0912***678',
    orderNumber: 'T20261126-0001',
    parent: null,
    children: [],
    redemptions: [],
  };
  const t = { ...base, ...overrides };
  const typed = {
    __typename: 'TicketCode',
    ...t,
    parent: t.parent ? { __typename: 'TicketCode', ...t.parent } : null,
    children: t.children.map((c) => ({ __typename: 'TicketCode', ...c })),
    redemptions: t.redemptions.map((r) => ({ __typename: 'Redemption', device: null, ...r })),
  };
  return typed;
}

export function lookupMock(code: string, answer: RedeemTicket | null, extra: { maxUsageCount?: number } = {}) {
  return {
    request: { query: RedemptionTicketLookupDocument, variables: { code } },
    result: { data: { ticketCode: answer && ticket(answer) } },
    ...extra,
  };
}

export function blockedLookupMock(code: string, seconds: number) {
  return {
    request: { query: RedemptionTicketLookupDocument, variables: { code } },
    result: {
      data: { ticketCode: null },
      errors: [{ message: `查詢次數過多，請 ${seconds} 秒後再試`, extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: seconds } }],
    },
  };
}

/** A redemption answer, made by `redeemedBy`; `seen` collects every input the page sent. */
export function redeemMock(
  seen: TicketCodeRedeemInput[],
  answer: (input: TicketCodeRedeemInput) => { ticketCode?: RedeemTicket | null; errors?: { code: string; message: string }[] },
  redeemedBy = '林店員',
) {
  return {
    request: { query: RedemptionTicketRedeemDocument, variables: () => true },
    result: ({ input }: { input: TicketCodeRedeemInput }) => {
      seen.push(input);
      const a = answer(input);
      const errors = (a.errors ?? []).map((e) => ({ __typename: 'TicketCodeRedeemError', field: null, ...e }));
      return {
        data: {
          ticketCodeRedeem: {
            __typename: 'TicketCodeRedeemPayload',
            redemption: errors.length
              ? null
              : { __typename: 'Redemption', id: `r-${seen.length}`, quantity: input.quantity, redeemedBy, createdAt: '2026-11-26T10:00:00+08:00' },
            ticketCode: a.ticketCode ? ticket(a.ticketCode) : null,
            retryAfterSeconds: null,
            errors,
          },
        },
      };
    },
  };
}

/** A redemption that never reaches the server (the network drops). */
export function failingRedeemMock(seen: TicketCodeRedeemInput[]) {
  return {
    request: {
      query: RedemptionTicketRedeemDocument,
      variables: ({ input }: { input: TicketCodeRedeemInput }) => {
        seen.push(input);
        return true;
      },
    },
    error: new Error('Failed to fetch'),
  };
}

export function row(overrides: Partial<TicketCodeRow> = {}): TicketCodeRow {
  return {
    code: CODE,
    quantity: 10,
    redeemedQuantity: 7,
    remainingQuantity: 3,
    status: 'ACTIVE',
    productTitle: '草地音樂節',
    variantName: '早鳥票',
    holderName: '王小明',
    holderPhoneMasked: '0912***678',
    orderNumber: 'T20261126-0001',
    parent: null,
    children: [],
    ...overrides,
  };
}

export function searchMock(
  search: { field: TicketCodeSearchField; query: string } | null,
  rows: TicketCodeRow[],
  page: { after?: string; totalCount?: number; hasNextPage?: boolean; endCursor?: string } = {},
) {
  return {
    request: {
      query: RedemptionTicketSearchDocument,
      variables: page.after ? { search, first: 20, after: page.after } : { search, first: 20 },
    },
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

/** What the fake html5-qrcode "sees" once started (`decoded`), and how often it was loaded and stopped. */
export const fakeCamera = { decoded: [] as string[], loads: 0, stopped: 0 };

/**
 * The html5-qrcode module as a fake, for
 * `vi.mock('html5-qrcode', async () => (await import('@ticket/ui/redemption/testing')).fakeHtml5Qrcode())`.
 */
export function fakeHtml5Qrcode() {
  fakeCamera.loads++;
  class Html5Qrcode {
    isScanning = false;
    constructor(readonly elementId: string) {}
    async start(_camera: unknown, _config: unknown, onSuccess: (text: string) => void) {
      this.isScanning = true;
      fakeCamera.decoded.forEach((text, i) => setTimeout(() => onSuccess(text), 20 * (i + 1)));
      return null;
    }
    async stop() {
      this.isScanning = false;
      fakeCamera.stopped++;
    }
    clear() {}
  }
  return { Html5Qrcode, Html5QrcodeSupportedFormats: { QR_CODE: 0 } };
}

/** A secure page with a camera, as the in-page scanner needs (jsdom has neither). */
export function allowCamera(): void {
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: async () => ({}) }, configurable: true });
}
