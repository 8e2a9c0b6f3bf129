import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { businessDay, type Clock } from '../../common/clock.js';
import { inClientTransaction } from '../../common/db/sql.js';
import type { ChargeRecord, ChargeRecordStatus, ChargeRequest, ChargeResult, NotificationHint, PaymentGateway, RefundResult, VoidResult } from './gateway.js';

/** Test tokens, as the shop's client-side tokenizer returns them for the test card numbers. */
export const TEST_TOKENS = { approve: 'tok_approve', decline: 'tok_decline', error: 'tok_error', threeDomainSecure: 'tok_3ds' } as const;

/** What the simulator does with the notification it sends after a 3-D Secure step (`SIMULATOR_NOTIFY`, tests only). */
export type SimulatorNotifyMode = 'normal' | 'drop' | 'duplicate' | 'late';

export interface SimulatorOptions {
  /** Where the API is reachable by the shopper's browser (the 3-D Secure page is served there). */
  publicUrl: string;
  notify: SimulatorNotifyMode;
  /** How long a `late` notification waits. */
  lateNotifyMs: number;
}

type SimStatus = 'PENDING' | 'SUCCEEDED' | 'DECLINED' | 'VOIDED';

interface ChargeRow {
  id: string;
  status: SimStatus;
  decline_code: string | null;
  amount: number;
  refunded_amount: number;
  order_number: string | null;
  three_domain_secure: boolean;
  return_url: string | null;
  notify_url: string | null;
  created_at: Date;
}

const CARD = { brand: 'VISA', lastFour: '4242' };
const CARD_3DS = { brand: 'VISA', lastFour: '3220' };

function toResult(row: ChargeRow, publicUrl: string): ChargeResult {
  if (row.status === 'PENDING') return { outcome: 'ACTION_REQUIRED', chargeId: row.id, redirectUrl: challengeUrl(publicUrl, row.id) };
  if (row.status === 'DECLINED') return { outcome: 'DECLINED', chargeId: row.id, declineCode: row.decline_code ?? 'card_declined', bankResult: row.decline_code ?? 'card_declined' };
  return { outcome: 'APPROVED', chargeId: row.id, card: row.three_domain_secure ? CARD_3DS : CARD, bankResult: '00 approved' };
}

function toRecord(row: ChargeRow): ChargeRecord {
  const refunded = row.refunded_amount;
  const status: ChargeRecordStatus =
    row.status === 'SUCCEEDED' ? (refunded === 0 ? 'APPROVED' : refunded < row.amount ? 'PARTIALLY_REFUNDED' : 'REFUNDED') : row.status === 'PENDING' ? 'PENDING' : row.status;
  return {
    chargeId: row.id,
    orderNumber: row.order_number,
    amount: row.amount,
    refundedAmount: refunded,
    status,
    threeDomainSecure: row.three_domain_secure,
    card: row.status === 'PENDING' ? null : row.three_domain_secure ? CARD_3DS : CARD,
    bankResult: row.status === 'DECLINED' ? (row.decline_code ?? 'card_declined') : row.status === 'PENDING' ? null : '00 approved',
    createdAt: new Date(row.created_at),
  };
}

export const challengeUrl = (publicUrl: string, chargeId: string) => `${publicUrl}/payments/simulator/3ds/${encodeURIComponent(chargeId)}`;

/** An outage, or an amount no card network would charge: answered without creating a charge. */
function answerWithoutCharge(amount: number, cardToken: string): ChargeResult | null {
  if (cardToken === TEST_TOKENS.error) return { outcome: 'ERROR', message: 'gateway unavailable (simulated)' };
  if (!Number.isInteger(amount) || amount <= 0) return { outcome: 'DECLINED', chargeId: '', declineCode: 'invalid_amount' };
  return null;
}

/**
 * P1, P3: the built-in card gateway. It keeps its own state in the `gateway_sim` schema through its own
 * connection (never our transaction), like a remote service: charges are idempotent by key, a charge
 * is voidable on its business day and refundable (in parts, up to the amount) from the next.
 * `tok_error` answers as a gateway outage would, without creating a charge. `tok_3ds` needs a 3-D Secure
 * step: a challenge page (`challengePage`), then a notification posted as TapPay would post its own.
 */
export class SimulatedGateway implements PaymentGateway {
  readonly name = 'simulator' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
    private readonly options: SimulatorOptions,
  ) {}

  async charge({ amount, cardToken, idempotencyKey, orderNumber, threeDomainSecure }: ChargeRequest): Promise<ChargeResult> {
    // A repeated key answers with the first charge: looked up for the answers that create none, and
    // returned by the insert's conflict clause otherwise.
    const noCharge = answerWithoutCharge(amount, cardToken);
    if (noCharge) return (await this.findCharge(idempotencyKey)) ?? noCharge;
    const challenge = cardToken === TEST_TOKENS.threeDomainSecure;
    const status: SimStatus = challenge ? 'PENDING' : cardToken === TEST_TOKENS.approve ? 'SUCCEEDED' : 'DECLINED';
    const { rows } = await this.pool.query<ChargeRow>({
      name: 'gateway-sim-charge',
      text: `insert into gateway_sim.charge (id, idempotency_key, amount, token, status, decline_code, created_at, order_number, three_domain_secure, return_url, notify_url)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             on conflict (idempotency_key) do update set idempotency_key = excluded.idempotency_key
             returning *`,
      values: [
        `ch_${randomBytes(12).toString('hex')}`,
        idempotencyKey,
        amount,
        cardToken,
        status,
        status === 'DECLINED' ? 'card_declined' : null,
        this.clock.now(),
        orderNumber,
        challenge,
        challenge ? threeDomainSecure.returnUrl : null,
        challenge ? threeDomainSecure.notifyUrl : null,
      ],
    });
    return toResult(rows[0]!, this.options.publicUrl);
  }

  async findCharge(idempotencyKey: string): Promise<ChargeResult | null> {
    const { rows } = await this.pool.query<ChargeRow>('select * from gateway_sim.charge where idempotency_key = $1', [idempotencyKey]);
    return rows[0] ? toResult(rows[0], this.options.publicUrl) : null;
  }

  async record(chargeId: string): Promise<ChargeRecord | null> {
    const { rows } = await this.pool.query<ChargeRow>('select * from gateway_sim.charge where id = $1', [chargeId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async records({ from, to }: { from: Date; to: Date }): Promise<ChargeRecord[]> {
    const { rows } = await this.pool.query<ChargeRow>('select * from gateway_sim.charge where created_at >= $1 and created_at < $2 order by created_at', [from, to]);
    return rows.map(toRecord);
  }

  parseNotification(body: unknown): NotificationHint | null {
    const b = body as { rec_trade_id?: unknown; order_number?: unknown } | null;
    if (typeof b?.rec_trade_id !== 'string' || !b.rec_trade_id) return null;
    return { chargeId: b.rec_trade_id, orderNumber: typeof b.order_number === 'string' ? b.order_number : null };
  }

  /** The charge a 3-D Secure page is about, while it waits for the shopper. */
  async pendingChallenge(chargeId: string): Promise<{ amount: number; orderNumber: string | null } | null> {
    const { rows } = await this.pool.query<ChargeRow>(`select * from gateway_sim.charge where id = $1 and status = 'PENDING'`, [chargeId]);
    return rows[0] ? { amount: rows[0].amount, orderNumber: rows[0].order_number } : null;
  }

  /**
   * The shopper's answer on the 3-D Secure page: the charge is approved or declined, the notification is
   * posted (or lost, repeated, delayed: `SIMULATOR_NOTIFY`), and the shopper is sent back to `returnUrl`.
   * A second answer changes nothing.
   */
  async completeChallenge(chargeId: string, approve: boolean): Promise<{ returnUrl: string } | null> {
    const { rows } = await this.pool.query<ChargeRow>(
      `update gateway_sim.charge set status = $2, decline_code = $3 where id = $1 and status = 'PENDING' returning *`,
      [chargeId, approve ? 'SUCCEEDED' : 'DECLINED', approve ? null : '3ds_failed'],
    );
    const row = rows[0] ?? (await this.pool.query<ChargeRow>('select * from gateway_sim.charge where id = $1 and three_domain_secure', [chargeId])).rows[0];
    if (!row?.return_url) return null;
    if (rows[0]) this.notify(rows[0]);
    return { returnUrl: row.return_url };
  }

  /** Posts the notification as TapPay does (its field names), without waiting for it. */
  private notify(row: ChargeRow): void {
    const { notify, lateNotifyMs } = this.options;
    if (notify === 'drop' || !row.notify_url) return;
    const body = JSON.stringify({ rec_trade_id: row.id, order_number: row.order_number, status: row.status === 'SUCCEEDED' ? 0 : 1, amount: row.amount });
    const post = () => fetch(row.notify_url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
    const times = notify === 'duplicate' ? 3 : 1;
    setTimeout(() => { for (let i = 0; i < times; i++) void post(); }, notify === 'late' ? lateNotifyMs : 0).unref();
  }

  void({ chargeId }: { chargeId: string }): Promise<VoidResult> {
    return inClientTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ChargeRow>('select * from gateway_sim.charge where id = $1 for update', [chargeId]);
      const row = rows[0];
      let result: VoidResult = { ok: true };
      if (!row) result = { ok: false, reason: 'NOT_FOUND' };
      else if (row.status === 'DECLINED' || row.status === 'PENDING') result = { ok: false, reason: 'NOT_CHARGED' };
      else if (row.refunded_amount > 0) result = { ok: false, reason: 'ALREADY_REFUNDED' };
      else if (row.status === 'SUCCEEDED' && businessDay(row.created_at) !== businessDay(this.clock.now())) result = { ok: false, reason: 'NOT_SAME_DAY' };
      else if (row.status === 'SUCCEEDED') await client.query(`update gateway_sim.charge set status = 'VOIDED', voided_at = $2 where id = $1`, [chargeId, this.clock.now()]);
      return result;
    });
  }

  refund({ chargeId, amount, idempotencyKey }: { chargeId: string; amount: number; idempotencyKey: string }): Promise<RefundResult> {
    return inClientTransaction(this.pool, async (client): Promise<RefundResult> => {
      const done = await client.query<{ id: string }>('select id from gateway_sim.refund where idempotency_key = $1', [idempotencyKey]);
      if (done.rows[0]) return { ok: true, refundId: done.rows[0].id };
      const { rows } = await client.query<ChargeRow>('select * from gateway_sim.charge where id = $1 for update', [chargeId]);
      const row = rows[0];
      let result: RefundResult;
      if (!row || row.status === 'DECLINED' || row.status === 'PENDING') result = { ok: false, reason: 'NOT_FOUND' };
      else if (row.status === 'VOIDED') result = { ok: false, reason: 'VOIDED' };
      else if (businessDay(row.created_at) === businessDay(this.clock.now())) result = { ok: false, reason: 'SAME_DAY_USE_VOID' };
      else if (amount <= 0 || row.refunded_amount + amount > row.amount) result = { ok: false, reason: 'EXCEEDS_CHARGE' };
      else {
        const refundId = `re_${randomBytes(12).toString('hex')}`;
        await client.query('insert into gateway_sim.refund (id, charge_id, idempotency_key, amount, created_at) values ($1, $2, $3, $4, $5)', [refundId, chargeId, idempotencyKey, amount, this.clock.now()]);
        await client.query('update gateway_sim.charge set refunded_amount = refunded_amount + $2 where id = $1', [chargeId, amount]);
        result = { ok: true, refundId };
      }
      return result;
    });
  }
}
