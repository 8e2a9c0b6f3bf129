import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Authorized, Field, ID, Int, ObjectType } from 'type-graphql';
import { OWNER, Permission } from '../../common/auth/permissions.js';
import { Variant } from '../catalog/variant.entity.js';
import { Order } from './order.entity.js';
import { linePaid } from './pricing.js';

/** One ticket type (or goods variant) in an order, with the quantity and the price actually paid. */
@Entity({ tableName: 'order_line' })
@ObjectType('OrderLine', { description: 'One ticket type or goods variant in an order. T1: a paid ticket line has exactly one code.' })
export class OrderLine {
  [OptionalProps]?: 'id' | 'discountShare' | 'position' | 'ownerId' | 'amountPaid';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Order, { ref: true, deleteRule: 'cascade' })
  order!: Ref<Order>;

  @ManyToOne(() => Variant, { ref: true })
  @Field(() => Variant)
  variant!: Ref<Variant>;

  @Property({ type: 'string' })
  @Field(() => String)
  productTitle!: string;

  @Property({ type: 'string' })
  @Field(() => String)
  variantName!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'List price of one unit.' })
  @Authorized(Permission.ORDERS_READ, OWNER)
  unitPrice!: number;

  /** C3/F8: this line's share of the order's mix-and-match discount. */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: "This line's share of the mix-and-match discount." })
  @Authorized(Permission.ORDERS_READ, OWNER)
  discountShare: number = 0;

  @Property({ type: 'integer', default: 0 })
  position: number = 0;

  @Field(() => Int, { description: 'What was paid for the line: quantity x unit price - discount share.' })
  @Authorized(Permission.ORDERS_READ, OWNER)
  get amountPaid(): number {
    return linePaid(this);
  }

  /** F8: what `quantity` units of this line are worth at the price actually paid (rounded down to the dollar). */
  paidValueOf(quantity: number): number {
    return Math.floor((this.amountPaid * quantity) / this.quantity);
  }

  get ownerId(): string | undefined {
    return (this.order.unwrap() as Order).customer?.id;
  }
}
