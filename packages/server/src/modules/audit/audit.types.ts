import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Limit } from '../../common/graphql/input-limits.js';

export enum AuditActorKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
  ANONYMOUS = 'ANONYMOUS',
}
registerEnumType(AuditActorKind, {
  name: 'AuditActorType',
  description: 'B5: who acted: a staff account (for a sign-in, the account tried), an API key, or nobody known (a failed sign-in with an unknown email).',
});

@ObjectType('AuditActor', { description: 'B5: who performed an audited action, as named at the time.' })
export class AuditActor {
  @Field(() => AuditActorKind)
  type!: AuditActorKind;

  @Field(() => ID, { nullable: true, description: "The staff account's or API key's id; null when nobody is known." })
  id!: string | null;

  @Field(() => String, { description: 'Their name at the time (for an unknown account: the email or phone typed).' })
  name!: string;
}

@ObjectType('AuditChange', { description: 'B5: one field of the object, before and after the action, as JSON (null when absent: created or deleted).' })
export class AuditChange {
  @Field(() => String)
  field!: string;

  @Field(() => String, { nullable: true, description: 'The JSON value before; null when the field did not exist.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The JSON value after; null when the field no longer exists.' })
  after!: string | null;
}

@ObjectType('AuditEvent', { description: 'B5: one privileged action in the append-only audit log: who, when, from where, what, and the fields it changed.' })
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'What was done, `<object>.<verb>`: e.g. staff.permissions.update, api_key.create, ticket_code.redemption.reverse, staff.sign_in.failed.' })
  action!: string;

  @Field(() => AuditActor)
  actor!: AuditActor;

  @Field(() => Date, { description: 'When (the server clock).' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'The client address the request came from.' })
  ipAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'The User-Agent header of the request (at most 500 characters).' })
  userAgent!: string | null;

  @Field(() => String, { description: 'The kind of object acted on: staff, api_key, settings, product, purchase_limit_group, mix_match_discount, order, redemption, referrer, webhook_endpoint, webhook_delivery, offline_snapshot, offline_conflict.' })
  objectType!: string;

  @Field(() => ID, { nullable: true, description: "The object's id (settings: 1)." })
  objectId!: string | null;

  @Field(() => [AuditChange], { description: 'The fields that differ between before and after (all of them for a creation or deletion). Secrets and password or key hashes are never recorded.' })
  changes!: AuditChange[];

  @Field(() => String, { nullable: true, description: "The object's recorded fields before the action, as a JSON object; null for a creation or a sign-in." })
  before!: string | null;

  @Field(() => String, { nullable: true, description: "The object's recorded fields after the action, as a JSON object; null for a deletion." })
  after!: string | null;
}

export const AuditEventConnection = Connection(AuditEvent);

@InputType({ description: 'B5: narrows the audit log; every field is optional and they combine with AND.' })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: 'Only actions by this staff account or API key.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this action (e.g. staff.permissions.update), or every action starting with it when it ends with "." or "*" (e.g. "staff.").' })
  @Limit({ maxLength: 100 })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this kind of object (e.g. order).' })
  @Limit({ maxLength: 100 })
  objectType?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this object (its id).' })
  @Limit({ maxLength: 100 })
  objectId?: string | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  to?: Date | null;
}
