import { useApolloClient } from '@apollo/client/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ClerkTicketLookupDocument, ClerkTicketRedeemDocument, type ClerkTicketFragment, type ClerkTicketRedeemMutation, type RedemptionChannel } from '../../gql/graphql';
import { useI18n } from '../../shared/i18n';
import { graphQLErrorOf, isNetworkError } from '../../shared/network';
import type { OfflineOutcome } from '../../shared/offline/gate';
import { useOffline } from '../../shared/offline/OfflineProvider';
import { newIdempotencyKey } from '../../shared/ui-source';

export type Ticket = ClerkTicketFragment;

export interface RedeemRequest {
  quantity: number;
  /** R5: made when the confirm dialog opens; a retry of the same confirm sends the same key. */
  idempotencyKey: string;
}

export type Outcome =
  | { kind: 'success'; code: string; title: string; quantity: number; ticket?: Ticket; offline?: boolean }
  | { kind: 'refusal'; message: string; code?: string; title?: string; ticket?: Ticket | null; offline?: boolean };

export type Phase =
  | { kind: 'idle' }
  | { kind: 'looking'; code: string }
  | { kind: 'ticket'; ticket: Ticket }
  /** Offline, reached by hand or by link: one unit from the snapshot, after a confirm (R4). */
  | { kind: 'offlineConfirm'; code: string; productTitle: string }
  | { kind: 'result'; outcome: Outcome };

export interface LookUpOptions {
  /** Scanner mode (B4, issue 13.3): a single-unit code read by a scanner or the camera redeems at once. */
  quick?: boolean;
}

export interface RedeemFlow {
  phase: Phase;
  /** A look-up that could not reach the server (shown next to the code field). */
  error: string | null;
  /** The code being looked up or shown, how the clerk reached it (R2), and whether it was scanned here. */
  current: { code: string; channel: RedemptionChannel; quick: boolean } | null;
  currentCode(): string | null;
  lookUp(code: string, channel: RedemptionChannel, options?: LookUpOptions): Promise<void>;
  /** For the confirm dialog: null once the server answered, else a message (retry with the same key). */
  redeem(request: RedeemRequest): Promise<string | null>;
  /** For the offline confirm dialog. */
  redeemOffline(): Promise<void>;
  showTicket(): void;
  reset(): void;
}

const title = (t: { productTitle: string; variantName?: string | null }) => (t.variantName ? `${t.productTitle}・${t.variantName}` : t.productTitle);
const isRedeemable = (t: Ticket) => t.status === 'ACTIVE' && t.remainingQuantity > 0;

/**
 * The redeem page's state: look a code up (R4), show it, redeem it once per confirm (R5), show the answer.
 * Without the network (B7) the code is redeemed from the offline snapshot instead.
 */
export function useRedeemFlow({ device }: { device: string }): RedeemFlow {
  const client = useApolloClient();
  const offline = useOffline();
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<RedeemFlow['current']>(null);
  const currentRef = useRef<RedeemFlow['current']>(null);
  const generation = useRef(0);
  const offlineRef = useRef(offline);
  offlineRef.current = offline;

  const result = useCallback((outcome: Outcome) => setPhase({ kind: 'result', outcome }), []);

  const answer = useCallback(
    (payload: ClerkTicketRedeemMutation['ticketCodeRedeem'], quantity: number) => {
      const refusal = payload.errors[0];
      const ticket = payload.ticketCode;
      if (refusal) result({ kind: 'refusal', message: refusal.message, ticket, code: ticket?.code, title: ticket ? title(ticket) : undefined });
      else if (ticket) {
        result({ kind: 'success', code: ticket.code, title: title(ticket), quantity: payload.redemption?.quantity ?? quantity, ticket });
        if (ticket.remainingQuantity === 0) offlineRef.current.redeemedOnline(ticket.code);
      } else result({ kind: 'refusal', message: t('common.unexpectedError') });
    },
    [result, t],
  );

  const send = useCallback(
    async (code: string, channel: RedemptionChannel, request: RedeemRequest) => {
      const { data } = await client.mutate({
        mutation: ClerkTicketRedeemDocument,
        variables: { input: { code, quantity: request.quantity, idempotencyKey: request.idempotencyKey, channel, device } },
        fetchPolicy: 'no-cache',
      });
      if (!data) throw new Error('no data');
      return data.ticketCodeRedeem;
    },
    [client, device],
  );

  const offlineResult = useCallback(
    (outcome: OfflineOutcome) => {
      const about = { code: outcome.code, title: outcome.productTitle ? title({ ...outcome, productTitle: outcome.productTitle }) : undefined, offline: true };
      if (outcome.kind === 'redeemed') result({ kind: 'success', ...about, title: title(outcome), quantity: 1 });
      else result({ kind: 'refusal', ...about, message: t(`clerk.offline.refusal.${outcome.reason}`) });
    },
    [result, t],
  );

  /** B7: no answer from the API: the snapshot decides (a scan at once, anything else after a confirm). */
  const lookUpOffline = useCallback(
    async (mine: number, code: string, quick: boolean) => {
      const snapshot = await offlineRef.current.currentSnapshot().catch(() => null);
      if (mine !== generation.current) return;
      if (!snapshot) {
        if (navigator.onLine) {
          setPhase({ kind: 'idle' });
          setError(t('common.networkError'));
        } else result({ kind: 'refusal', code, message: t('clerk.offline.refusal.noSnapshot'), offline: true });
        return;
      }
      if (!quick) {
        setPhase({ kind: 'offlineConfirm', code, productTitle: snapshot.productTitle });
        return;
      }
      const outcome = await offlineRef.current.redeem(code).catch((): OfflineOutcome => ({ kind: 'refused', reason: 'unavailable', code }));
      if (mine === generation.current) offlineResult(outcome);
    },
    [offlineResult, result, t],
  );

  const lookUp = useCallback(
    async (code: string, channel: RedemptionChannel, { quick = false }: LookUpOptions = {}) => {
      const mine = ++generation.current;
      currentRef.current = { code, channel, quick };
      setCurrent(currentRef.current);
      setError(null);
      setPhase({ kind: 'looking', code });
      if (offlineRef.current.shouldGoOffline()) return lookUpOffline(mine, code, quick);
      let ticket: Ticket | null;
      try {
        const answer = await client.query({ query: ClerkTicketLookupDocument, variables: { code }, fetchPolicy: 'no-cache', errorPolicy: 'all' });
        if (mine !== generation.current) return;
        if (answer.error) throw answer.error;
        ticket = answer.data?.ticketCode ?? null;
      } catch (e) {
        if (mine !== generation.current) return;
        const refused = graphQLErrorOf(e);
        if (refused?.code === 'TOO_MANY_ATTEMPTS') {
          result({ kind: 'refusal', code, message: refused.message || t('redemption.tooManyAttempts', { seconds: Number(refused.retryAfterSeconds) || 60 }) });
        } else if (isNetworkError(e)) {
          offlineRef.current.markUnreachable();
          await lookUpOffline(mine, code, quick);
        } else {
          setPhase({ kind: 'idle' });
          setError(refused?.message ?? t('common.networkError'));
        }
        return;
      }
      if (!ticket) return result({ kind: 'refusal', code, message: t('redemption.codeNotFound') });
      if (!isRedeemable(ticket)) {
        const status = ticket.status === 'ACTIVE' ? 'FULLY_REDEEMED' : ticket.status;
        return result({ kind: 'refusal', code, title: title(ticket), message: t(`redemption.statusRefusal.${status}`), ticket });
      }
      if (quick && ticket.quantity === 1 && ticket.remainingQuantity === 1) {
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
    [answer, client, lookUpOffline, result, send, t],
  );

  const redeem = useCallback(
    async (request: RedeemRequest): Promise<string | null> => {
      const target = currentRef.current;
      if (phase.kind !== 'ticket' || !target) return t('common.unexpectedError');
      const mine = generation.current;
      let payload;
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

  const redeemOffline = useCallback(async () => {
    if (phase.kind !== 'offlineConfirm') return;
    const mine = generation.current;
    const code = phase.code;
    const outcome = await offlineRef.current.redeem(code).catch((): OfflineOutcome => ({ kind: 'refused', reason: 'unavailable', code }));
    if (mine === generation.current) offlineResult(outcome);
  }, [offlineResult, phase]);

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
    () => ({ phase, error, current, currentCode, lookUp, redeem, redeemOffline, showTicket, reset }),
    [phase, error, current, currentCode, lookUp, redeem, redeemOffline, showTicket, reset],
  );
}
