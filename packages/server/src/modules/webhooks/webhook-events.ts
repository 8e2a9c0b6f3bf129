import { statement, type Sql } from '../../common/db/sql.js';
import { JOB_SCHEMA } from '../../common/jobs/job-queue.js';

/** B1: what integrators can subscribe to (Standard Webhooks style names: `<object>.<what happened>`). */
export const WEBHOOK_EVENT_TYPES = ['order.paid', 'order.cancelled', 'refund.created', 'ticket_code.redeemed', 'ticket_code.split', 'ticket_code.redemption_reversed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The job that makes one attempt at one delivery. */
export const JOB_WEBHOOK_DELIVER = 'webhooks.deliver';

/** A timestamp in JSON as the API gives it (ISO 8601, UTC, milliseconds), whatever the session's time zone. */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The public fields of a code (as the GraphQL TicketCode gives them): never the holder's name or phone,
 * prices or the owner. `c` is a ticket_code row (or a CTE with its columns).
 */
const ticketCodeJson = (c: string) => `jsonb_build_object(
  'code', ${c}.code, 'status', ${c}.status, 'quantity', ${c}.quantity, 'redeemedQuantity', ${c}.redeemed_quantity,
  'refundedQuantity', ${c}.refunded_quantity,
  'remainingQuantity', case when ${c}.status in ('SPLIT', 'REFUNDED') then 0 else ${c}.quantity - ${c}.redeemed_quantity - ${c}.refunded_quantity end,
  'productTitle', ${c}.product_title, 'variantName', ${c}.variant_name, 'orderNumber', ${c}.order_number,
  'validFrom', ${iso(`${c}.valid_from`)}, 'validUntil', ${iso(`${c}.valid_until`)},
  'parentCode', (select p.code from ticket_code p where p.id = ${c}.parent_id))`;

/** An order as an integrator with orders:read sees it, with its lines and codes (not the recipient's contact details). */
const orderJson = (o: string) => `jsonb_build_object(
  'id', ${o}.id, 'number', ${o}.number, 'kind', ${o}.kind, 'status', ${o}.status,
  'subtotal', ${o}.subtotal, 'discount', ${o}.discount, 'shippingFee', ${o}.shipping_fee, 'total', ${o}.total,
  'createdAt', ${iso(`${o}.created_at`)}, 'paidAt', ${iso(`${o}.paid_at`)}, 'cancelledAt', ${iso(`${o}.cancelled_at`)},
  'lines', coalesce((select jsonb_agg(jsonb_build_object('productTitle', l.product_title, 'variantName', l.variant_name, 'quantity', l.quantity,
                      'unitPrice', l.unit_price, 'discountShare', l.discount_share) order by l.position)
                       from order_line l where l.order_id = ${o}.id), '[]'::jsonb),
  'ticketCodes', coalesce((select jsonb_agg(${ticketCodeJson('c')} order by c.created_at, c.code) from ticket_code c where c.order_id = ${o}.id), '[]'::jsonb))`;

const refundJson = (r: string) => `jsonb_build_object(
  'id', ${r}.id, 'kind', ${r}.kind, 'amount', ${r}.amount, 'reason', ${r}.reason, 'createdAt', ${iso(`${r}.created_at`)},
  'order', (select jsonb_build_object('id', o.id, 'number', o.number) from customer_order o where o.id = ${r}.order_id),
  'codes', coalesce((select jsonb_agg(jsonb_build_object('code', c.code, 'quantity', rc.quantity, 'amount', rc.amount) order by c.code)
                       from refund_code rc join ticket_code c on c.id = rc.ticket_code_id where rc.refund_id = ${r}.id), '[]'::jsonb))`;

/** Whether any enabled endpoint wants events of this type: the guard that makes an event cost nothing without one. */
const subscribed = (type: WebhookEventType) => `exists (select 1 from webhook_endpoint where enabled and '${type}' = any(events))`;

/** The job that turns undispatched events into deliveries (pg-boss policy `short`: at most one waits). */
export const JOB_WEBHOOK_DISPATCH = 'webhooks.dispatch';

/**
 * After a CTE that inserted events (`events`): wakes the dispatcher, unless a dispatch job is already waiting
 * (the common case under load: one probe of pg-boss's unique index of a `short` queue's waiting job, which
 * also makes a second writer racing to wake it do nothing). A dispatch job waiting to be retried after a
 * failure does not count: it may wait long. In the caller's statement, so the wake-up commits with the event.
 */
export const wakeDispatcherCte = (events: string) => `wh_wake as (
  insert into ${JOB_SCHEMA}.job (name, data, start_after, retry_limit, retry_delay, retry_backoff, policy)
  select q.name, '{}'::jsonb, now(), q.retry_limit, q.retry_delay, q.retry_backoff, q.policy
    from ${JOB_SCHEMA}.queue q
   where q.name = '${JOB_WEBHOOK_DISPATCH}' and exists (select 1 from ${events})
     and not exists (select 1 from ${JOB_SCHEMA}.job j
                      where j.name = '${JOB_WEBHOOK_DISPATCH}' and j.state = 'created' and j.policy = 'short' and coalesce(j.singleton_key, '') = '')
  on conflict do nothing
)`;

/** A new event id, which receivers see as `webhook-id`. */
const NEW_EVENT_ID = `'msg_' || replace(gen_random_uuid()::text, '-', '')`;

/**
 * `ticket_code.redeemed`, for the redeem statement itself (one statement on the hot path): CTEs to add
 * after its `upd` (the code's row as updated) and `red` (the redemption written) CTEs, with `now` the
 * statement's parameter for the time. Without an enabled endpoint subscribed, the guard (one look at a
 * table of at most 20 rows, evaluated once) stops it before anything is written; with one, the statement
 * writes the event row and wakes the dispatcher (deliveries are made off the hot path).
 */
export const redeemedEventCtes = (refs: { upd: string; red: string; now: string }) => `wh_event as (
  insert into webhook_event (id, type, payload, created_at)
  select ${NEW_EVENT_ID}, 'ticket_code.redeemed',
         jsonb_build_object('ticketCode', ${ticketCodeJson(refs.upd)},
                            'redemption', jsonb_build_object('id', ${refs.red}.id, 'quantity', ${refs.red}.quantity, 'channel', ${refs.red}.channel,
                                                             'device', ${refs.red}.device, 'redeemedBy', ${refs.red}.redeemed_by,
                                                             'createdAt', ${iso(`${refs.red}.created_at`)}, 'redeemedAt', ${iso(`${refs.red}.redeemed_at`)})),
         ${refs.now}
    from ${refs.upd} join ${refs.red} on ${refs.red}.ticket_code_id = ${refs.upd}.id
   where ${subscribed('ticket_code.redeemed')}
  returning id
), ${wakeDispatcherCte('wh_event')}`;

/** The payload of each event recorded by `recordWebhookEvent`, from its subject's id ($1). */
const PAYLOADS: Record<Exclude<WebhookEventType, 'ticket_code.redeemed'>, string> = {
  'order.paid': `select jsonb_build_object('order', ${orderJson('o')}) from customer_order o where o.id = $1::uuid`,
  'order.cancelled': `select jsonb_build_object('order', ${orderJson('o')}, 'refund', (select ${refundJson('r')} from refund r where r.order_id = o.id))
                        from customer_order o where o.id = $1::uuid`,
  'refund.created': `select jsonb_build_object('refund', ${refundJson('r')}) from refund r where r.id = $1::uuid`,
  'ticket_code.split': `select jsonb_build_object('ticketCode', ${ticketCodeJson('t')},
                               'children', coalesce((select jsonb_agg(${ticketCodeJson('c')} order by c.code) from ticket_code c where c.parent_id = t.id), '[]'::jsonb))
                          from ticket_code t where t.id = $1::uuid`,
  // B3: the subject is the reversal (a redemption row with a negative quantity, see modules/redemption/redemption-reversal.service.ts).
  'ticket_code.redemption_reversed': `select jsonb_build_object('ticketCode', ${ticketCodeJson('t')},
                               'reversal', jsonb_build_object('id', r.id, 'quantity', r.quantity, 'reversalOf', r.reversal_of_id, 'reason', r.reason,
                                                              'reversedBy', r.redeemed_by, 'createdAt', ${iso('r.created_at')}))
                                        from redemption r join ticket_code t on t.id = r.ticket_code_id where r.id = $1::uuid`,
};

const EVENT_STATEMENTS = Object.fromEntries(
  Object.entries(PAYLOADS).map(([type, payload]) => [
    type,
    statement(
      `webhook-event-${type}`,
      `with wh_event as (
         insert into webhook_event (id, type, payload, created_at)
         select ${NEW_EVENT_ID}, '${type}', (${payload}), $2::timestamptz
          where ${subscribed(type as WebhookEventType)}
         returning id
       ), ${wakeDispatcherCte('wh_event')}
       select (select count(*)::int from wh_event) as events`,
    ),
  ]),
) as Record<keyof typeof PAYLOADS, { name: string; text: string }>;

/**
 * Records an event in the transaction `sql` runs in (the outbox): call it right after the change, once
 * the change is written (flush an entity manager first), with the id of the event's subject: the order
 * (order.paid, order.cancelled), the refund (refund.created) or the code (ticket_code.split). When no
 * enabled endpoint subscribes to the type it writes nothing. The payload is read from the rows as this
 * transaction sees them; the dispatcher, woken on commit, makes the deliveries.
 */
export async function recordWebhookEvent(sql: Sql, type: keyof typeof PAYLOADS, subjectId: string, now: Date): Promise<void> {
  await sql(EVENT_STATEMENTS[type], [subjectId, now]);
}
