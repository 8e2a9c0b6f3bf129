import { ArrayType, Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';

/** I1: a key an integrator sends as `Authorization: Bearer <key>`. Only the SHA-256 of the secret is kept. */
@Entity({ tableName: 'api_key' })
@ObjectType('ApiKey', { description: 'An integrator credential with scopes. The secret itself is shown only once, at creation.' })
export class ApiKey {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'string' })
  @Field(() => String, { description: 'The first characters of the secret, to recognise it.' })
  prefix!: string;

  @Property({ type: 'string', unique: true })
  secretHash!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  @Field(() => [String], { description: 'Granted scopes, e.g. tickets:read, tickets:redeem, orders:read.' })
  scopes: string[] = [];

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  revokedAt?: Date | null;
}
