import { statement, type Sql } from '../../common/db/sql.js';

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

/**
 * The job that once woke the dispatcher (each event's statement queued it). The dispatcher now polls the
 * outbox from every process that runs jobs (see createWebhookService), so writing an event costs the
 * writer's statement nothing more than the row; the queue is still defined so that a wake-up queued before
 * the change runs (it dispatches, like a poll).
 */
export const JOB_WEBHOOK_DISPATCH = 'webhooks.dispatch';

/** A new event id, which receivers see as `webhook-id`. */
const NEW_EVENT_ID = `'msg_' || replace(gen_random_uuid()::text, '-', '')`;

/**
 * `ticket_code.redeemed`, for the redeem statement itself (one statement on the hot path): CTEs to add
 * after its `upd` (the code's row as updated) and `red` (the redemption written) CTEs, with `now` the
 * statement's parameter for the time. Without an enabled endpoint subscribed, the guard (one look at a
 * table of at most 20 rows, evaluated once) stops it before anything is written; with one, the statement
 * writes the event row, and nothing else: the dispatcher, polling the outbox, makes the deliveries. The row
 * holds the least of its payload: the redemption's id and what of the code a later change may alter (its
 * status and quantities, as this redemption left them), a JSON array; the dispatcher makes it the payload
 * as it takes the event (eventPayloadSql), off the hot path.
 */
export const redeemedEventCtes = (refs: { upd: string; red: string; now: string }) => `wh_event as (
  insert into webhook_event (id, type, payload, created_at)
  select ${NEW_EVENT_ID}, 'ticket_code.redeemed',
         jsonb_build_array(${refs.red}.id, ${refs.upd}.status, ${refs.upd}.quantity, ${refs.upd}.redeemed_quantity, ${refs.upd}.refunded_quantity),
         ${refs.now}
    from ${refs.upd} join ${refs.red} on ${refs.red}.ticket_code_id = ${refs.upd}.id
   where ${subscribed('ticket_code.redeemed')}
  returning id
)`;

/**
 * The ticket_code.redeemed payload from the array redeemedEventCtes wrote (`snapshot`): the redemption (never
 * changed), the code's fields that never change after issue, and its status and quantities from the array.
 */
const redeemedPayload = (snapshot: string) => `(
  select jsonb_build_object('ticketCode', ${ticketCodeJson('c')},
                            'redemption', jsonb_build_object('id', r.id, 'quantity', r.quantity, 'channel', r.channel, 'device', r.device, 'redeemedBy', r.redeemed_by,
                                                             'createdAt', ${iso('r.created_at')}, 'redeemedAt', ${iso('r.redeemed_at')}))
    from redemption r
   cross join lateral (select t.code, ${snapshot}->>1 as status, (${snapshot}->>2)::int as quantity, (${snapshot}->>3)::int as redeemed_quantity,
                              (${snapshot}->>4)::int as refunded_quantity, t.product_title, t.variant_name, t.order_number, t.valid_from, t.valid_until, t.parent_id
                         from ticket_code t where t.id = r.ticket_code_id) c
   where r.id = (${snapshot}->>0)::uuid)`;

/**
 * The payload an event (`ev`, a webhook_event row or a CTE with its columns) is sent with: a ticket_code.redeemed
 * event's array made whole, any other as written. The dispatcher stores it as it marks the event dispatched.
 */
export const eventPayloadSql = (ev: string) =>
  `case when ${ev}.type = 'ticket_code.redeemed' and jsonb_typeof(${ev}.payload) = 'array' then ${redeemedPayload(`${ev}.payload`)} else ${ev}.payload end`;

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
      `insert into webhook_event (id, type, payload, created_at)
       select ${NEW_EVENT_ID}, '${type}', (${payload}), $2::timestamptz
        where ${subscribed(type as WebhookEventType)}`,
    ),
  ]),
) as Record<keyof typeof PAYLOADS, { name: string; text: string }>;

/**
 * Records an event in the transaction `sql` runs in (the outbox): call it right after the change, once
 * the change is written (flush an entity manager first), with the id of the event's subject: the order
 * (order.paid, order.cancelled), the refund (refund.created) or the code (ticket_code.split). When no
 * enabled endpoint subscribes to the type it writes nothing. The payload is read from the rows as this
 * transaction sees them; the dispatcher, polling the outbox, makes the deliveries once it is committed.
 */
export async function recordWebhookEvent(sql: Sql, type: keyof typeof PAYLOADS, subjectId: string, now: Date): Promise<void> {
  await sql(EVENT_STATEMENTS[type], [subjectId, now]);
}
