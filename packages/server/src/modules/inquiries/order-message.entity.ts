import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../identity/user.entity.js';
import { Order } from '../orders/order.entity.js';

/** F1: a message on an order (詢問紀錄), from the buyer or the store. */
@Entity({ tableName: 'order_message' })
@ObjectType('OrderMessage', { description: 'F1: an inquiry message on an order (詢問紀錄).' })
export class OrderMessage {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Order, { ref: true })
  order!: Ref<Order>;

  @ManyToOne(() => User, { ref: true })
  author!: Ref<User>;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Written by the store (true) or the buyer (false).' })
  fromStaff!: boolean;

  @Property({ type: 'text' })
  @Field(() => String)
  body!: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When staff read a buyer message.' })
  readByStaffAt?: Date | null;
}
