import { ArrayType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { Authorized } from 'type-graphql';
import { OWNER, Permission, Role, permissionsForUser } from '../../common/auth/permissions.js';

/** A person who signs in: a shopper (CUSTOMER) or a staff member (ADMIN, TICKET_CLERK). S2: one role per account. */
@Entity({ tableName: 'app_user' })
// An account without an email signs in with its phone, so no two such accounts may share one.
@Unique({
  name: 'app_user_sign_in_phone_unique',
  expression: 'create unique index "app_user_sign_in_phone_unique" on "app_user" ("phone") where "email" is null and "disabled_at" is null',
})
@Unique({ name: 'app_user_single_owner', expression: 'create unique index "app_user_single_owner" on "app_user" ("is_owner") where "is_owner"' })
@ObjectType('User', { description: 'A shopper or staff account.' })
export class User {
  [OptionalProps]?: 'id' | 'adminPermissions' | 'isOwner' | 'createdAt' | 'ownerId' | 'permissions' | 'isStaff';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string', nullable: true, unique: true })
  @Field(() => String, { nullable: true, description: 'Sign-in email (lower case).' })
  @Authorized(Permission.STAFF_MANAGE, Permission.ORDERS_READ, OWNER)
  email?: string | null;

  @Property({ type: 'string' })
  @Field(() => String)
  name!: string;

  @Index()
  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true, description: 'Digits (and a leading +) only.' })
  @Authorized(Permission.STAFF_MANAGE, Permission.ORDERS_READ, OWNER)
  phone?: string | null;

  @Enum({ items: () => Role, type: 'string' })
  @Field(() => Role)
  role!: Role;

  /** Only admins' permissions are stored; other roles' come from the permission map. */
  @Property({ type: ArrayType, columnType: 'text[]', default: '{}' })
  adminPermissions: Permission[] = [];

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'The store owner (the first admin): nobody else can disable this account or reduce its permissions.' })
  isOwner: boolean = false;

  @Property({ type: 'string', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Set when the account was disabled; it can no longer sign in.' })
  disabledAt?: Date | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  get ownerId(): string {
    return this.id;
  }

  @Field(() => [Permission], { name: 'permissions', description: 'What this account may do.' })
  get permissions(): Permission[] {
    return permissionsForUser(this.role, this.adminPermissions);
  }

  get isStaff(): boolean {
    return this.role === Role.ADMIN || this.role === Role.TICKET_CLERK;
  }
}
