import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Authorized, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OWNER, Permission } from '../../common/auth/permissions.js';
import { Order } from '../orders/order.entity.js';
import { OrderLine } from '../orders/order-line.entity.js';

export enum TicketCodeStatus {
  ACTIVE = 'ACTIVE',
  FULLY_REDEEMED = 'FULLY_REDEEMED',
  SPLIT = 'SPLIT',
  REFUNDED = 'REFUNDED',
}
registerEnumType(TicketCodeStatus, { name: 'TicketCodeStatus', description: 'SPLIT and REFUNDED codes are void: they no longer redeem.' });

/**
 * A redemption code (核銷碼): one per paid ticket line (T1), quantity N, redeemed in parts.
 * The search fields (names, phone, order number) are copied here so the redemption list is one indexed table.
 * Invariant (CHECK): redeemed + refunded <= quantity.
 */
@Entity({ tableName: 'ticket_code' })
@ObjectType('TicketCode', { description: 'A redemption code (核銷碼) shown as a QR code; redeemed in parts up to its quantity.' })
export class TicketCode {
  [OptionalProps]?: 'id' | 'redeemedQuantity' | 'refundedQuantity' | 'status' | 'createdAt' | 'remainingQuantity' | 'ownerId' | 'faceValue' | 'isVoid' | 'isSplitChild' | 'holderPhoneMasked';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 25, unique: true })
  @Field(() => String, { description: 'T2: 10 characters (25 for split codes) without look-alike characters.' })
  code!: string;

  @Index()
  @ManyToOne(() => Order, { ref: true })
  order!: Ref<Order>;

  @ManyToOne(() => OrderLine, { ref: true })
  orderLine!: Ref<OrderLine>;

  @Index()
  @ManyToOne(() => TicketCode, { ref: true, nullable: true })
  parent?: Ref<TicketCode> | null;

  @Property({ type: 'integer' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  redeemedQuantity: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  refundedQuantity: number = 0;

  @Enum({ items: () => TicketCodeStatus, type: 'string', default: TicketCodeStatus.ACTIVE })
  @Field(() => TicketCodeStatus)
  status: TicketCodeStatus = TicketCodeStatus.ACTIVE;

  @Property({ type: 'string' })
  @Field(() => String)
  productTitle!: string;

  @Property({ type: 'string' })
  @Field(() => String)
  variantName!: string;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  validFrom?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  validUntil?: Date | null;

  @Property({ type: 'string' })
  @Field(() => String)
  holderName!: string;

  @Property({ type: 'string' })
  holderPhone!: string;

  @Property({ type: 'string' })
  @Field(() => String)
  orderNumber!: string;

  @Index()
  @Property({ type: 'uuid' })
  ownerId!: string;

  /** What was paid for the whole quantity; the unit of account for payouts (L2) and refunds (F8). */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'F8: what the buyer paid for this code\'s whole quantity (TWD).' })
  @Authorized(Permission.ORDERS_READ, OWNER)
  faceValue: number = 0;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Int, { description: 'quantity - redeemed - refunded (0 for void codes).' })
  get remainingQuantity(): number {
    return this.isVoid ? 0 : this.quantity - this.redeemedQuantity - this.refundedQuantity;
  }

  get isVoid(): boolean {
    return this.status === TicketCodeStatus.SPLIT || this.status === TicketCodeStatus.REFUNDED;
  }

  /** X3: split codes (25 characters, with a parent) always redeem one at a time. */
  get isSplitChild(): boolean {
    return !!this.parent;
  }

  @Field(() => String, { description: 'S3: the phone with its middle masked, e.g. 0912***678.' })
  get holderPhoneMasked(): string {
    return maskPhone(this.holderPhone);
  }
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return `${digits.slice(0, 4)}***${digits.slice(-3)}`;
}
