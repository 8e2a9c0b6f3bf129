import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Order } from '../orders/order.entity.js';

export enum PaymentStatus {
  SUCCEEDED = 'SUCCEEDED',
  VOIDED = 'VOIDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
}

/** Our record of an approved charge at the gateway, and what was voided or refunded of it. */
@Entity({ tableName: 'payment' })
export class Payment {
  [OptionalProps]?: 'id' | 'status' | 'refundedAmount';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Order, { ref: true })
  order!: Ref<Order>;

  @Property({ type: 'string', unique: true })
  gatewayChargeId!: string;

  @Property({ type: 'integer' })
  amount!: number;

  @Property({ type: 'integer', default: 0 })
  refundedAmount: number = 0;

  @Enum({ items: () => PaymentStatus, type: 'string', default: PaymentStatus.SUCCEEDED })
  status: PaymentStatus = PaymentStatus.SUCCEEDED;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
