import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Order } from '../orders/order.entity.js';

export enum PaymentStatus {
  SUCCEEDED = 'SUCCEEDED',
  VOIDED = 'VOIDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus', description: 'Where an approved charge stands: kept, voided, or refunded in part or whole.' });

/** Our record of an approved charge at the gateway, and what was voided or refunded of it. */
@ObjectType({ description: 'B6: the card payment of an order, as the gateway reported it. Requires ORDERS_READ, or the buyer.' })
@Entity({ tableName: 'payment' })
export class Payment {
  [OptionalProps]?: 'id' | 'status' | 'refundedAmount' | 'gateway' | 'threeDomainSecure' | 'cardBrand' | 'cardLastFour' | 'bankResult' | 'lateRefundReference';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Order, { ref: true })
  order!: Ref<Order>;

  @Field(() => String, { description: 'The gateway that took the payment: simulator or tappay.' })
  @Property({ type: 'string', default: 'simulator' })
  gateway: string = 'simulator';

  @Field(() => String, { name: 'transactionId', description: "The gateway's id of the charge (TapPay: rec_trade_id)." })
  @Property({ type: 'string', unique: true })
  gatewayChargeId!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  refundedAmount: number = 0;

  @Field(() => PaymentStatus)
  @Enum({ items: () => PaymentStatus, type: 'string', default: PaymentStatus.SUCCEEDED })
  status: PaymentStatus = PaymentStatus.SUCCEEDED;

  @Field(() => Boolean, { description: 'P3: whether the shopper passed 3-D Secure.' })
  @Property({ type: 'boolean', default: false })
  threeDomainSecure: boolean = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  cardBrand: string | null = null;

  @Field(() => String, { nullable: true, description: 'Last four digits of the card.' })
  @Property({ type: 'string', nullable: true })
  cardLastFour: string | null = null;

  @Field(() => String, { nullable: true, description: "The bank's answer as the gateway reported it." })
  @Property({ type: 'string', nullable: true })
  bankResult: string | null = null;

  @Field(() => String, { nullable: true, description: "P5: the money arrived after the order's hold expired and was given back automatically (the gateway's refund reference)." })
  @Property({ type: 'string', nullable: true })
  lateRefundReference: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/** P4: one notification the gateway posted, as received: a hint that was checked against its records. */
@ObjectType({ description: 'A notification the card gateway posted about an order (a hint, checked against its records).' })
@Entity({ tableName: 'payment_notification' })
export class PaymentNotification {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string' })
  gateway!: string;

  @Field(() => String, { name: 'transactionId' })
  @Property({ type: 'string' })
  chargeId!: string;

  @Property({ type: 'uuid', nullable: true })
  orderId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  receivedAt!: Date;

  @Property({ type: 'json' })
  body!: unknown;
}
