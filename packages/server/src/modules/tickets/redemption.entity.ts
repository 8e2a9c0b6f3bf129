import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TicketCode } from './ticket-code.entity.js';

export enum RedemptionChannel {
  SCANNER = 'SCANNER',
  CAMERA = 'CAMERA',
  LIST = 'LIST',
  MANUAL = 'MANUAL',
  /** B7: redeemed on a clerk device without network, from its snapshot, and applied when the device synced. */
  OFFLINE = 'OFFLINE',
}
registerEnumType(RedemptionChannel, {
  name: 'RedemptionChannel',
  description: 'R3: how the clerk reached the code; B7: OFFLINE when it was redeemed on a device without network and synced later.',
});

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
  @Field(() => Date, { description: 'When the redemption was recorded (for an OFFLINE one: when the device synced it).' })
  createdAt!: Date;

  /** B7: the device's time of an offline redemption; null for online ones (they happen at createdAt). */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'B7: when an OFFLINE redemption happened on the device (createdAt is when it was synced); null for online ones.' })
  redeemedAt?: Date | null;

  /** R5/B8: the confirm's key, unique per principal (see the index above); the key's input is the row itself. */
  @Property({ type: 'string', nullable: true })
  idempotencyKey?: string | null;

  /** B3: for a reversal (negative quantity), the redemption it corrects; GraphQL `kind`, `reversalOf` and `reason` are in redemption-reversal.resolver.ts. */
  @Property({ type: 'uuid', nullable: true })
  reversalOfId?: string | null;

  /** B3: why a reversal was made (required for one, null otherwise). */
  @Property({ type: 'text', nullable: true })
  reason?: string | null;
}
