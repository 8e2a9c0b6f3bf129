import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { businessDay, type Clock } from '../../common/clock.js';
import { inClientTransaction } from '../../common/db/sql.js';
import type { ChargeResult, PaymentGateway, RefundResult, VoidResult } from './gateway.js';

/** Test tokens, as the shop's client-side tokenizer returns them for the test card numbers. */
export const TEST_TOKENS = { approve: 'tok_approve', decline: 'tok_decline', error: 'tok_error' } as const;

interface ChargeRow {
  id: string;
  status: 'SUCCEEDED' | 'DECLINED' | 'VOIDED';
  decline_code: string | null;
  amount: number;
  refunded_amount: number;
  created_at: Date;
}

const toResult = (row: ChargeRow): ChargeResult =>
  row.status === 'DECLINED' ? { outcome: 'DECLINED', chargeId: row.id, declineCode: row.decline_code ?? 'card_declined' } : { outcome: 'APPROVED', chargeId: row.id };

/** An outage, or an amount no card network would charge: answered without creating a charge. */
function answerWithoutCharge(amount: number, cardToken: string): ChargeResult | null {
  if (cardToken === TEST_TOKENS.error) return { outcome: 'ERROR', message: 'gateway unavailable (simulated)' };
  if (!Number.isInteger(amount) || amount <= 0) return { outcome: 'DECLINED', chargeId: '', declineCode: 'invalid_amount' };
  return null;
}

/**
 * P1: the built-in card gateway. It keeps its own state in the `gateway_sim` schema through its own
 * connection (never our transaction), like a remote service: charges are idempotent by key, a charge
 * is voidable on its business day and refundable (in parts, up to the amount) from the next.
 * `tok_error` answers as a gateway outage would, without creating a charge.
 */
export class SimulatedGateway implements PaymentGateway {
  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
  ) {}

  async charge({ amount, cardToken, idempotencyKey }: { amount: number; cardToken: string; idempotencyKey: string }): Promise<ChargeResult> {
    // A repeated key answers with the first charge: looked up for the answers that create none, and
    // returned by the insert's conflict clause otherwise.
    const noCharge = answerWithoutCharge(amount, cardToken);
    if (noCharge) return (await this.findCharge(idempotencyKey)) ?? noCharge;
    const declined = cardToken !== TEST_TOKENS.approve;
    const { rows } = await this.pool.query<ChargeRow>({
      name: 'gateway-sim-charge',
      text: `insert into gateway_sim.charge (id, idempotency_key, amount, token, status, decline_code, created_at)
             values ($1, $2, $3, $4, $5, $6, $7)
             on conflict (idempotency_key) do update set idempotency_key = excluded.idempotency_key
             returning id, status, decline_code, amount, refunded_amount, created_at`,
      values: [`ch_${randomBytes(12).toString('hex')}`, idempotencyKey, amount, cardToken, declined ? 'DECLINED' : 'SUCCEEDED', declined ? 'card_declined' : null, this.clock.now()],
    });
    return toResult(rows[0]!);
  }

  async findCharge(idempotencyKey: string): Promise<ChargeResult | null> {
    const { rows } = await this.pool.query<ChargeRow>('select * from gateway_sim.charge where idempotency_key = $1', [idempotencyKey]);
    return rows[0] ? toResult(rows[0]) : null;
  }

  void({ chargeId }: { chargeId: string }): Promise<VoidResult> {
    return inClientTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ChargeRow>('select * from gateway_sim.charge where id = $1 for update', [chargeId]);
      const row = rows[0];
      let result: VoidResult = { ok: true };
      if (!row) result = { ok: false, reason: 'NOT_FOUND' };
      else if (row.status === 'DECLINED') result = { ok: false, reason: 'NOT_CHARGED' };
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
      if (!row || row.status === 'DECLINED') result = { ok: false, reason: 'NOT_FOUND' };
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
