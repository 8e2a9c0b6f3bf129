import { Collection, Entity, ManyToMany, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Variant } from './variant.entity.js';

/** C3: 任選折扣, "any N of these for P dollars" or "any N of these for X% off". */
@Entity({ tableName: 'mix_match_discount' })
@ObjectType('MixMatchDiscount', { description: 'C3: mix-and-match (任選折扣): any `requiredQuantity` of these variants for `fixedPrice`, or `percentOff`.' })
export class MixMatchDiscount {
  [OptionalProps]?: 'id' | 'active';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  requiredQuantity!: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Price of one bundle of `requiredQuantity` units.' })
  fixedPrice?: number | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Percent off a bundle (1-99).' })
  percentOff?: number | null;

  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean)
  active: boolean = true;

  @ManyToMany(() => Variant, undefined, { pivotTable: 'mix_match_discount_variant', owner: true })
  @Field(() => [Variant])
  variants = new Collection<Variant>(this);
}
