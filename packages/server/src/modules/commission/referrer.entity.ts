import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** C3/A2: someone who brings buyers with a referral code (推薦人) and earns a commission (分潤). */
@Entity({ tableName: 'referrer' })
@ObjectType('Referrer', { description: 'A referrer (推薦人): orders placed with their code earn them a commission when the order closes.' })
export class Referrer {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'string', unique: true })
  @Field(() => String, { description: 'Upper case; shoppers may type it in any case.' })
  code!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Commission rate in basis points (1000 = 10%).' })
  commissionBasisPoints!: number;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt!: Date;
}
