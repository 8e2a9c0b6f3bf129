import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

export enum LedgerKind {
  SALE = 'SALE',
  FEE = 'FEE',
  REDEMPTION = 'REDEMPTION',
  REFUND = 'REFUND',
  FEE_REFUND = 'FEE_REFUND',
}

/**
 * L1: an append-only money movement (a trigger refuses UPDATE and DELETE). Amounts are whole TWD,
 * positive in the direction the kind names (a refund of 700 is REFUND 700). `ref` makes writing idempotent.
 */
@Entity({ tableName: 'ledger_entry' })
export class LedgerEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Enum({ items: () => LedgerKind, type: 'string' })
  kind!: LedgerKind;

  @Index()
  @Property({ type: 'uuid' })
  orderId!: string;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  ticketCodeId?: string | null;

  @Property({ type: 'integer', default: 0 })
  quantity: number = 0;

  @Property({ type: 'integer' })
  amount!: number;

  @Index()
  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'string', unique: true })
  ref!: string;
}
