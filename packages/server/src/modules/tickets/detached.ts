import { dateOrNull } from '../../common/db/sql.js';
import { Redemption, type RedemptionChannel } from './redemption.entity.js';
import { TicketCode, type TicketCodeStatus } from './ticket-code.entity.js';

/**
 * Read-only entities built straight from a row (raw, or as `row_to_json` gives it), outside any unit of
 * work, for paths that only answer: the redeem statement's result and a page of the redemption list.
 * `em.map` or a managed `find` costs more CPU than those indexed queries. The object literals with
 * `__proto__` define their own properties (never MikroORM's change-tracking setters), so the entity's
 * getters (remainingQuantity...) work and nothing can be flushed. Relations are bare `{ id }`: only
 * their ids are ever read from these.
 */
export function detachedTicketCode(row: Record<string, unknown>): TicketCode {
  const detached = {
    __proto__: TicketCode.prototype,
    id: row.id,
    code: row.code,
    order: { id: row.order_id },
    orderLine: { id: row.order_line_id },
    parent: row.parent_id ? { id: row.parent_id } : null,
    quantity: row.quantity,
    redeemedQuantity: row.redeemed_quantity,
    refundedQuantity: row.refunded_quantity,
    status: row.status as TicketCodeStatus,
    productTitle: row.product_title,
    variantName: row.variant_name,
    validFrom: dateOrNull(row.valid_from),
    validUntil: dateOrNull(row.valid_until),
    holderName: row.holder_name,
    holderPhone: row.holder_phone,
    orderNumber: row.order_number,
    ownerId: row.owner_id,
    faceValue: row.face_value,
    createdAt: new Date(row.created_at as string | Date),
  };
  return detached as unknown as TicketCode;
}

export function detachedRedemption(row: Record<string, unknown>): Redemption {
  const detached = {
    __proto__: Redemption.prototype,
    id: row.id,
    ticketCode: { id: row.ticket_code_id },
    quantity: row.quantity,
    channel: row.channel as RedemptionChannel,
    device: row.device ?? null,
    staffId: row.staff_id ?? null,
    apiKeyId: row.api_key_id ?? null,
    redeemedBy: row.redeemed_by,
    createdAt: new Date(row.created_at as string | Date),
    redeemedAt: dateOrNull(row.redeemed_at),
    idempotencyKey: row.idempotency_key ?? null,
    reversalOfId: row.reversal_of_id ?? null,
    reason: row.reason ?? null,
  };
  return detached as unknown as Redemption;
}
