import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../common/context.js';
import { emSql } from '../../common/db/sql.js';
import { normaliseCode, SPLIT_CODE_LENGTH } from './code-generator.js';
import { TicketCode, TicketCodeStatus } from './ticket-code.entity.js';
import { insertUniqueCode } from './ticket-code.service.js';
import { TicketCodeSplitErrors, TicketCodeSplitPayload } from './ticket-code.types.js';
import { recordWebhookEvent } from '../webhooks/webhook-events.js';

export class TicketCodeSplitService {
  /**
   * X1: the remaining quantity n >= 2 becomes n codes of 1 (25 characters); the original turns SPLIT in the
   * same transaction, keeping what was already redeemed. The row lock makes a racing redemption wait and
   * then find the code void. F9: only the buyer (a stranger gets CODE_NOT_FOUND, learning nothing).
   */
  async split(ctx: Context, rawCode: string): Promise<TicketCodeSplitPayload> {
    const payload = new TicketCodeSplitPayload();
    const code = await ctx.em.findOne(TicketCode, { code: normaliseCode(rawCode), ownerId: ctx.principal!.userId! }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const refuse = (c: Parameters<typeof TicketCodeSplitErrors.error>[1]) => {
      payload.errors.push(TicketCodeSplitErrors.error(ctx, c, 'code'));
      return payload;
    };
    if (!code) return refuse('CODE_NOT_FOUND');
    if (code.isVoid) return refuse('CODE_VOID');
    if (code.isSplitChild) return refuse('SPLIT_CODE_NOT_SPLITTABLE');
    const remaining = code.remainingQuantity;
    if (remaining < 2) return refuse('NOTHING_TO_SPLIT');

    const now = ctx.clock.now();
    // The face value still unredeemed, shared out so the children add up to it exactly.
    const unredeemedValue = code.faceValue - Math.floor((code.faceValue * code.redeemedQuantity) / code.quantity);
    const ids: string[] = [];
    for (let i = 0; i < remaining; i++) {
      const share = Math.floor((unredeemedValue * (i + 1)) / remaining) - Math.floor((unredeemedValue * i) / remaining);
      const { id } = await insertUniqueCode(
        emSql(ctx.em),
        {
          order_id: code.order.id,
          order_line_id: code.orderLine.id,
          parent_id: code.id,
          quantity: 1,
          face_value: share,
          product_title: code.productTitle,
          variant_name: code.variantName,
          valid_from: code.validFrom ?? null,
          valid_until: code.validUntil ?? null,
          holder_name: code.holderName,
          holder_phone: code.holderPhone,
          order_number: code.orderNumber,
          owner_id: code.ownerId,
          created_at: now,
        },
        SPLIT_CODE_LENGTH,
      );
      ids.push(id);
    }
    code.status = TicketCodeStatus.SPLIT;
    await ctx.em.flush();
    await recordWebhookEvent(emSql(ctx.em), 'ticket_code.split', code.id, now);
    payload.ticketCode = code;
    payload.children = await ctx.em.find(TicketCode, { id: { $in: ids } }, { orderBy: { code: 'asc' } });
    return payload;
  }
}
