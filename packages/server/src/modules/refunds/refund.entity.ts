import { Collection, Entity, Enum, ManyToOne, OneToMany, OneToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Order } from '../orders/order.entity.js';
import { TicketCode } from '../tickets/ticket-code.entity.js';

export enum RefundKind {
  CANCELLATION = 'CANCELLATION',
  PARTIAL = 'PARTIAL',
}
registerEnumType(RefundKind, { name: 'RefundKind', description: 'F5 cancellation (everything) or F6 partial refund (chosen codes).' });

/** F3: an order's one refund, covering one or more codes. */
@Entity({ tableName: 'refund' })
@Unique({ properties: ['idempotencyScope', 'idempotencyKey'] })
@ObjectType('Refund', { description: "F3: an order's one refund (a cancellation is one too)." })
export class Refund {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @OneToOne(() => Order, { ref: true, owner: true, unique: true })
  order!: Ref<Order>;

  @Enum({ items: () => RefundKind, type: 'string' })
  @Field(() => RefundKind)
  kind!: RefundKind;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'F8: what goes back to the card (TWD).' })
  amount!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'L3: the ticket fee returned with it.' })
  feeRefund!: number;

  @Field(() => String, { nullable: true, description: "B6: the gateway's id of the void or refund (TapPay: refund_id)." })
  @Property({ type: 'string', nullable: true })
  gatewayReference?: string | null;

  /** B8: the key of the orderCancel or orderRefund call that made it, unique per principal (`idempotencyScope`). */
  @Property({ type: 'string' })
  idempotencyKey!: string;

  /** B8: whose key it is: `user:<id>` or `key:<api key id>`; another principal's identical key is another key. */
  @Property({ type: 'text' })
  idempotencyScope!: string;

  /** B8: a digest of the call's normalised input; the key replays this refund for that input only. Null on refunds made before it was recorded. */
  @Property({ type: 'text', nullable: true })
  idempotencyFingerprint?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Property({ type: 'uuid', nullable: true, fieldName: 'created_by_id' })
  createdById?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt!: Date;

  @OneToMany(() => RefundCode, (c) => c.refund)
  codeLines = new Collection<RefundCode>(this);
}

/** One code in a refund: its whole remaining quantity (F2). */
@Entity({ tableName: 'refund_code' })
@ObjectType('RefundCode', { description: 'F2: a code refunded whole: its remaining quantity at the price paid.' })
export class RefundCode {
  [OptionalProps]?: 'code';

  @ManyToOne(() => Refund, { ref: true, primary: true })
  refund!: Ref<Refund>;

  @ManyToOne(() => TicketCode, { ref: true, primary: true })
  ticketCode!: Ref<TicketCode>;

  @Property({ type: 'integer' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: 'integer' })
  @Field(() => Int)
  amount!: number;

  @Property({ type: 'integer' })
  @Field(() => Int)
  feeRefund!: number;

  @Field(() => String)
  get code(): string {
    return this.ticketCode.getEntity().code;
  }
}
