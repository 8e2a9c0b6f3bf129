import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TicketCode } from './ticket-code.entity.js';

export enum RedemptionChannel {
  SCANNER = 'SCANNER',
  CAMERA = 'CAMERA',
  LIST = 'LIST',
  MANUAL = 'MANUAL',
}
registerEnumType(RedemptionChannel, { name: 'RedemptionChannel', description: 'R3: how the clerk reached the code.' });

/** R2: every redemption, with who, when, how many, which way and which device. Never updated or deleted. */
@Entity({ tableName: 'redemption' })
// R5/B8: an idempotency key is the principal's own (a staff account or an API key): unique per principal.
@Unique({
  name: 'redemption_principal_idempotency_key_unique',
  expression: 'create unique index "redemption_principal_idempotency_key_unique" on "redemption" ((coalesce("staff_id", "api_key_id")), "idempotency_key")',
})
@ObjectType('Redemption', { description: 'R2: one redemption of a code: quantity, who, when, channel and device.' })
export class Redemption {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => TicketCode, { ref: true })
  ticketCode!: Ref<TicketCode>;

  @Property({ type: 'integer' })
  @Field(() => Int)
  quantity!: number;

  @Enum({ items: () => RedemptionChannel, type: 'string' })
  @Field(() => RedemptionChannel)
  channel!: RedemptionChannel;

  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true })
  device?: string | null;

  @Property({ type: 'uuid', nullable: true })
  staffId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  apiKeyId?: string | null;

  @Property({ type: 'string' })
  @Field(() => String, { description: 'Name of the clerk, admin or API key that redeemed.' })
  redeemedBy!: string;

  @Index()
  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt!: Date;

  /** R5/B8: the confirm's key, unique per principal (see the index above); the key's input is the row itself. */
  @Property({ type: 'string', nullable: true })
  idempotencyKey?: string | null;
}
