import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RedemptionTicketLookupDocument,
  RedemptionTicketRedeemDocument,
  type RedeemPayload,
  type RedeemTicket,
  type RedemptionChannel,
} from './documents';
import { newIdempotencyKey } from './idempotency';
import type { RedeemRequest } from './RedeemPanel';
import type { RedeemOutcome } from './RedeemResult';
import { isRedeemable } from './validity';

export type RedeemPhase =
  | { kind: 'idle' }
  | { kind: 'looking'; code: string }
  | { kind: 'ticket'; ticket: RedeemTicket }
  | { kind: 'result'; outcome: RedeemOutcome };

export interface LookUpOptions {
  /** B4: redeem 1 at once when the code is single-use (quantity 1, still unused). */
  quick?: boolean;
}

export interface RedeemFlow {
  phase: RedeemPhase;
  /** A look-up that could not reach the server (shown next to the code field). */
  error: string | null;
  /** The code being looked up or shown, and how the clerk reached it (R2). */
  current: { code: string; channel: RedemptionChannel } | null;
  /** The same as `current?.code`, up to date even before the next render (for effects). */
  currentCode(): string | null;
  lookUp(code: string, channel: RedemptionChannel, options?: LookUpOptions): Promise<void>;
  /** For RedeemPanel's onConfirm: null once the server answered, else a message (retry with the same key). */
  redeem(request: RedeemRequest): Promise<string | null>;
  /** From a refusal screen back to the code's details. */
  showTicket(): void;
  /** Back to an empty page; an answer still on its way is ignored. */
  reset(): void;
}

function graphQLErrorOf(error: unknown): { code?: unknown; retryAfterSeconds?: unknown; message: string } | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const first = error.errors[0];
  return first ? { ...first.extensions, message: first.message } : null;
}

/**
 * The redeem page's state: look a code up (R4), show it, redeem it once per confirm (R5), show the answer.
 * Screens are left to the caller (TicketCard, RedeemPanel, RedeemResult).
 */
export function useRedeemFlow({ device }: { device?: string | null } = {}): RedeemFlow {
  const client = useApolloClient();
  const { t } = useTranslation();
  const [phase, setPhase] = useState<RedeemPhase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<RedeemFlow['current']>(null);
  const currentRef = useRef<RedeemFlow['current']>(null);
  const generation = useRef(0);

  const answer = useCallback(
    (payload: RedeemPayload, quantity: number) => {
      const refusal = payload.errors[0];
      if (refusal) setPhase({ kind: 'result', outcome: { kind: 'refusal', message: refusal.message, ticket: payload.ticketCode } });
      else if (payload.ticketCode)
        setPhase({ kind: 'result', outcome: { kind: 'success', ticket: payload.ticketCode, quantity: payload.redemption?.quantity ?? quantity, redeemedBy: payload.redemption?.redeemedBy } });
      else setPhase({ kind: 'result', outcome: { kind: 'refusal', message: t('common.unexpectedError') } });
    },
    [t],
  );

  const send = useCallback(
    async (code: string, channel: RedemptionChannel, request: RedeemRequest): Promise<RedeemPayload> => {
      const { data } = await client.mutate({
        mutation: RedemptionTicketRedeemDocument,
        variables: { input: { code, quantity: request.quantity, idempotencyKey: request.idempotencyKey, channel, device: device ?? null } },
        fetchPolicy: 'no-cache',
      });
      if (!data) throw new Error('no data');
      return data.ticketCodeRedeem;
    },
    [client, device],
  );

  const lookUp = useCallback(
    async (code: string, channel: RedemptionChannel, options: LookUpOptions = {}) => {
      const mine = ++generation.current;
      currentRef.current = { code, channel };
      setCurrent(currentRef.current);
      setError(null);
      setPhase({ kind: 'looking', code });
      let ticket: RedeemTicket | null;
      try {
        const result = await client.query({ query: RedemptionTicketLookupDocument, variables: { code }, fetchPolicy: 'no-cache', errorPolicy: 'all' });
        if (mine !== generation.current) return;
        if (result.error) throw result.error;
        ticket = result.data?.ticketCode ?? null;
      } catch (e) {
        if (mine !== generation.current) return;
        const blocked = graphQLErrorOf(e);
        if (blocked?.code === 'TOO_MANY_ATTEMPTS') {
          const message = blocked.message || t('redemption.tooManyAttempts', { seconds: Number(blocked.retryAfterSeconds) || 60 });
          setPhase({ kind: 'result', outcome: { kind: 'refusal', message } });
        } else {
          setPhase({ kind: 'idle' });
          setError(blocked?.message ?? t('common.networkError'));
        }
        return;
      }

      if (!ticket) {
        setPhase({ kind: 'result', outcome: { kind: 'refusal', message: t('redemption.codeNotFound') } });
        return;
      }
      if (!isRedeemable(ticket)) {
        const status = ticket.status === 'ACTIVE' ? 'FULLY_REDEEMED' : ticket.status;
        setPhase({ kind: 'result', outcome: { kind: 'refusal', message: t(`redemption.statusRefusal.${status}`), ticket } });
        return;
      }
      if (options.quick && ticket.quantity === 1 && ticket.remainingQuantity === 1) {
        try {
          const payload = await send(ticket.code, channel, { quantity: 1, idempotencyKey: newIdempotencyKey() });
          if (mine === generation.current) answer(payload, 1);
        } catch {
          if (mine !== generation.current) return;
          // Not known whether it arrived: show the code; redeeming it again can't exceed its single use.
          setPhase({ kind: 'ticket', ticket });
          setError(t('common.networkError'));
        }
        return;
      }
      setPhase({ kind: 'ticket', ticket });
    },
    [answer, client, send, t],
  );

  const redeem = useCallback(
    async (request: RedeemRequest): Promise<string | null> => {
      const target = currentRef.current;
      if (phase.kind !== 'ticket' || !target) return t('common.unexpectedError');
      const mine = generation.current;
      let payload: RedeemPayload;
      try {
        payload = await send(phase.ticket.code, target.channel, request);
      } catch (e) {
        // R5: the dialog stays open; confirming again sends the same idempotency key.
        return graphQLErrorOf(e)?.message ?? t('common.networkError');
      }
      if (mine === generation.current) answer(payload, request.quantity);
      return null;
    },
    [answer, phase, send, t],
  );

  const showTicket = useCallback(() => {
    setPhase((p) => (p.kind === 'result' && p.outcome.ticket ? { kind: 'ticket', ticket: p.outcome.ticket } : { kind: 'idle' }));
  }, []);

  const reset = useCallback(() => {
    generation.current++;
    currentRef.current = null;
    setCurrent(null);
    setError(null);
    setPhase({ kind: 'idle' });
  }, []);

  const currentCode = useCallback(() => currentRef.current?.code ?? null, []);

  return useMemo(
    () => ({ phase, error, current, currentCode, lookUp, redeem, showTicket, reset }),
    [phase, error, current, currentCode, lookUp, redeem, showTicket, reset],
  );
}
