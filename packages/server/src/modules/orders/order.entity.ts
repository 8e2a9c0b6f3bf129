import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OWNER, Permission } from '../../common/auth/permissions.js';
import { ProductKind } from '../catalog/product.entity.js';
import { User } from '../identity/user.entity.js';
import { OrderLine } from './order-line.entity.js';

export enum OrderStatus {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  PAID = 'PAID',
  RETURNING = 'RETURNING',
  RETURN_REVIEW = 'RETURN_REVIEW',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  CANCELLED = 'CANCELLED',
  CLOSED = 'CLOSED',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus', description: 'Where an order is in its life.' });

export enum PaymentMethod {
  CREDIT_CARD = 'CREDIT_CARD',
  CASH_ON_DELIVERY = 'CASH_ON_DELIVERY',
}
registerEnumType(PaymentMethod, { name: 'PaymentMethod', description: 'K4: tickets take CREDIT_CARD in one payment only; CASH_ON_DELIVERY is for goods.' });

@ObjectType('Recipient', { description: 'K7: who receives the order; used to look a code up at the counter.' })
export class Recipient {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  phone!: string;
}

@Entity({ tableName: 'customer_order' })
@Unique({ properties: ['customer', 'idempotencyKey'] })
@ObjectType('Order', { description: 'A ticket or goods order. Visible to its buyer and to staff with ORDERS_READ.' })
export class Order {
  [OptionalProps]?: 'id' | 'status' | 'discount' | 'shippingFee' | 'feeAmount' | 'createdAt' | 'installments' | 'ownerId' | 'recipient' | 'feeBasisPoints';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string', unique: true })
  @Field(() => String, { description: 'The order number people read out (e.g. T20261126-000123).' })
  number!: string;

  @Enum({ items: () => ProductKind, type: 'string' })
  @Field(() => ProductKind)
  kind!: ProductKind;

  @Index()
  @Enum({ items: () => OrderStatus, type: 'string', default: OrderStatus.PENDING_PAYMENT })
  @Field(() => OrderStatus)
  status: OrderStatus = OrderStatus.PENDING_PAYMENT;

  @Index()
  @ManyToOne(() => User, { ref: true })
  customer!: Ref<User>;

  @Property({ type: 'string' })
  recipientName!: string;

  @Property({ type: 'string' })
  recipientPhone!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  @Authorized(Permission.ORDERS_READ, OWNER)
  subtotal!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'C3: mix-and-match discount, the only discount tickets take.' })
  @Authorized(Permission.ORDERS_READ, OWNER)
  discount: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'K3: always 0 for tickets.' })
  @Authorized(Permission.ORDERS_READ, OWNER)
  shippingFee: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'What the buyer pays: subtotal - discount + shipping fee.' })
  @Authorized(Permission.ORDERS_READ, OWNER)
  total!: number;

  /** L3: the platform's ticket fee on this sale, at the rate in force when it was paid. */
  @Property({ type: 'integer', default: 0 })
  feeAmount: number = 0;

  @Property({ type: 'integer', default: 0 })
  feeBasisPoints: number = 0;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  cancelledAt?: Date | null;

  @Enum({ items: () => PaymentMethod, type: 'string' })
  @Field(() => PaymentMethod)
  @Authorized(Permission.ORDERS_READ, OWNER)
  paymentMethod!: PaymentMethod;

  @Property({ type: 'integer', default: 1 })
  installments: number = 1;

  /** K2: when the e-ticket terms were accepted, and exactly which text. */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  termsAcceptedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  termsAccepted?: string | null;

  /** P2/B8: the shopper's key for this checkout; unique per customer (keys are scoped to their principal). */
  @Property({ type: 'string' })
  idempotencyKey!: string;

  /**
   * B8: a digest of the checkout's normalised input (see `checkoutFingerprint`): the key replays this order
   * only for the same input. Null on orders placed before it was recorded (then any input replays).
   */
  @Property({ type: 'text', nullable: true })
  idempotencyFingerprint?: string | null;

  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true, description: 'C3: the referral code given at checkout (attribution only, no discount).' })
  @Authorized(Permission.ORDERS_READ, OWNER)
  referralCode?: string | null;

  @Property({ type: 'uuid', nullable: true })
  referrerId?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  paidAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @OneToMany(() => OrderLine, (l) => l.order, { orderBy: { position: 'asc' } })
  lines = new Collection<OrderLine>(this);

  @Field(() => Recipient)
  @Authorized(Permission.ORDERS_READ, OWNER)
  get recipient(): Recipient {
    return { name: this.recipientName, phone: this.recipientPhone };
  }

  get ownerId(): string {
    return this.customer.id;
  }
}
