import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Product } from './product.entity.js';

/** A ticket type (票種) of a ticket product, or a variant of goods. Stock is the quantity still available. */
@Entity({ tableName: 'variant' })
@ObjectType('Variant', { description: 'A ticket type (票種, e.g. 早鳥票) or a goods variant, with its price and stock.' })
export class Variant {
  [OptionalProps]?: 'id' | 'position' | 'archived';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Product, { ref: true, deleteRule: 'cascade' })
  product!: Ref<Product>;

  @Property({ type: 'string' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Unit price in whole TWD.' })
  price!: number;

  /** Null means unlimited. Decremented by a guarded update at checkout, never below zero (CHECK). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, name: 'stockAvailable', description: 'Units still for sale; null = unlimited.' })
  stock?: number | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  saleStartsAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  saleEndsAt?: Date | null;

  @Property({ type: 'integer', default: 0 })
  position: number = 0;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Removed from the product; kept for past orders.' })
  archived: boolean = false;

  isOnSale(now: Date): boolean {
    return !this.archived && (!this.saleStartsAt || this.saleStartsAt <= now) && (!this.saleEndsAt || now < this.saleEndsAt);
  }
}
