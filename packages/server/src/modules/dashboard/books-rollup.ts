import type pg from 'pg';
import { inClientTransaction } from '../../common/db/sql.js';
import { ROLLUP_SQL } from './books.js';

export const JOB_BOOKS_ROLLUP = 'books.rollup';

/** Rows folded per run at most, so one run stays a short transaction (a backlog takes a few runs). */
const BATCH = 500_000;

/** How long a run waits for the transactions that may still add rows below its position (they are short). */
const WAIT_MS = 2_000;

export interface RollupOptions {
  batch?: number;
  waitMs?: number;
}

/**
 * B10: folds new ledger rows into the dashboard's rollups (migration 20261204180000). Run every minute by
 * the job queue, and by the dashboard when it finds many rows not folded yet; safe to run anywhere at any
 * time (one run at a time: the others skip).
 *
 * Which rows may be folded: ledger ids come from a sequence, so a row with a lower id than one already
 * seen can still commit later (its transaction took the id first). A run reads the sequence's position,
 * then the time (in that order), and folds up to that position once every other transaction of this
 * database that was running then has ended: each id up to the position was taken by a transaction that
 * had started by then. It waits a moment for them; if one runs longer (a long report), the position is
 * kept (pending_id, pending_at) and a later run folds it. Rows after the watermark are read from the
 * ledger itself by the dashboard, so it is exact whether or not this ran.
 */
export async function rollupBooks(pool: pg.Pool, { batch = BATCH, waitMs = WAIT_MS }: RollupOptions = {}): Promise<{ rolled: number; lastId: string }> {
  return inClientTransaction(pool, async (client) => {
    const { rows: state } = await client.query<{ last_id: string; pending_id: string; pending_at: Date | null }>(
      'select last_id, pending_id, pending_at from ledger_rollup_state where id = 1 for update skip locked',
    );
    const s = state[0];
    if (!s) return { rolled: 0, lastId: '' }; // another run holds it
    let lastId = BigInt(s.last_id);
    let pendingId = BigInt(s.pending_id);
    let pendingAt = s.pending_at;
    if (lastId >= pendingId || !pendingAt) {
      // The position first, the time after it (two statements: their order matters).
      const { rows: seq } = await client.query<{ position: string }>('select case when is_called then last_value else 0 end as position from ledger_entry_id_seq');
      const { rows: clock } = await client.query<{ at: Date }>('select clock_timestamp() as at');
      pendingId = BigInt(seq[0]!.position);
      pendingAt = clock[0]!.at;
    }
    let rolled = 0;
    if (pendingId > lastId && (await settledSince(client, pendingAt, waitMs))) {
      const upTo = pendingId < lastId + BigInt(batch) ? pendingId : lastId + BigInt(batch);
      const { rows } = await client.query<{ rows: number }>(ROLLUP_SQL, [lastId.toString(), upTo.toString()]);
      rolled = rows[0]!.rows;
      lastId = upTo;
    }
    await client.query('update ledger_rollup_state set last_id = $1, pending_id = $2, pending_at = $3, rolled_at = clock_timestamp() where id = 1', [
      lastId.toString(),
      pendingId.toString(),
      pendingAt,
    ]);
    return { rolled, lastId: lastId.toString() };
  });
}

/** True once no other transaction of this database that started at or before `at` is still running (waits up to `waitMs`). */
async function settledSince(client: pg.PoolClient, at: Date, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await client.query<{ settled: boolean }>(
      `select not exists (select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and xact_start <= $1) as settled`,
      [at],
    );
    if (rows[0]!.settled) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}
