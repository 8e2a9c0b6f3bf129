import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { SignInApp } from './identity.types.js';
import { User } from './user.entity.js';

/**
 * B9: a password-reset link sent by mail. The token itself is only in the mail; this keeps its SHA-256.
 * Single use (`usedAt`, set by a guarded update) and valid until `expiresAt` (30 minutes after sending).
 */
@Entity({ tableName: 'password_reset' })
export class PasswordReset {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'string', unique: true })
  tokenHash!: string;

  /** The app whose /reset-password page the link opens. */
  @Enum({ items: () => SignInApp, type: 'string' })
  app!: SignInApp;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}
