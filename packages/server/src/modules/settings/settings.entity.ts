import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/** Store-wide settings: a single row (id 1). */
@Entity({ tableName: 'store_settings' })
@ObjectType('Settings', { description: 'Store-wide settings (admin).' })
export class Settings {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id = 1;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'K6: registration requires an email address (顧客註冊設定).' })
  registrationEmailRequired = false;

  @Property({ type: 'integer', default: 30 })
  @Field(() => Int, { description: 'A1: ticket orders close automatically this many days after payment (訂單自動結案設定).' })
  autoCloseDays = 30;

  @Property({ type: 'integer', default: 500 })
  @Field(() => Int, { description: 'L3: ticket fee in basis points of the amount paid (500 = 5%).' })
  ticketFeeBasisPoints = 500;
}
