import { Collection, Entity, ManyToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Variant } from './variant.entity.js';

/** C2: a set of variants with a maximum quantity per customer (限購群組). */
@Entity({ tableName: 'purchase_limit_group' })
@ObjectType('PurchaseLimitGroup', { description: 'C2: at most `maxQuantity` units of these variants per customer, over paid and pending orders.' })
export class PurchaseLimitGroup {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  maxQuantity!: number;

  @ManyToMany(() => Variant, undefined, { pivotTable: 'purchase_limit_group_variant', owner: true })
  @Field(() => [Variant])
  variants = new Collection<Variant>(this);
}
