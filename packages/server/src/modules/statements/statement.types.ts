import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum StatementEntryKind {
  REDEMPTION = 'REDEMPTION',
  FEE = 'FEE',
  FEE_REFUND = 'FEE_REFUND',
}
registerEnumType(StatementEntryKind, { name: 'StatementEntryKind', description: 'L2/L3: what moves money between the platform and the store.' });

@ObjectType('StatementLine', { description: 'One ledger event of a statement: a redemption (payable face value), a ticket fee, or a fee refund.' })
export class StatementLine {
  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => StatementEntryKind)
  kind!: StatementEntryKind;

  @Field(() => String)
  orderNumber!: string;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => String)
  ticketName!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int, { description: 'Face value redeemed (REDEMPTION lines).' })
  faceValue!: number;

  @Field(() => Int, { description: 'Ticket fee charged (FEE lines).' })
  fee!: number;

  @Field(() => Int, { description: 'Ticket fee returned (FEE_REFUND lines).' })
  feeRefund!: number;
}

@ObjectType('SettlementStatement', { description: 'L2-L4: a half-month settlement statement (帳期) in Asia/Taipei.' })
export class SettlementStatement {
  @Field(() => String, { description: 'YYYY-MM-H1 (1st-15th) or YYYY-MM-H2 (16th-end).' })
  period!: string;

  @Field(() => Date)
  from!: Date;

  @Field(() => Date, { description: 'Exclusive.' })
  to!: Date;

  @Field(() => [StatementLine])
  lines!: StatementLine[];

  @Field(() => Int, { description: 'Face value of what was redeemed in the period.' })
  redeemedAmount!: number;

  @Field(() => Int)
  feeAmount!: number;

  @Field(() => Int)
  feeRefundAmount!: number;

  @Field(() => Int, { description: 'redeemedAmount - feeAmount + feeRefundAmount.' })
  netPayout!: number;
}

@ObjectType('StatementSummary', { description: 'A period with its totals, for the list of statements.' })
export class StatementSummary {
  @Field(() => String)
  period!: string;

  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => Int)
  redeemedAmount!: number;

  @Field(() => Int)
  feeAmount!: number;

  @Field(() => Int)
  feeRefundAmount!: number;

  @Field(() => Int)
  netPayout!: number;
}

@ObjectType('TicketLiability', { description: 'L5 (履約保障): sold face value neither redeemed nor refunded at a moment.' })
export class TicketLiability {
  @Field(() => Date)
  asOf!: Date;

  @Field(() => Int)
  amount!: number;

  @Field(() => Int)
  quantity!: number;
}

@ObjectType('LedgerConsistency', { description: 'Proof that the books agree: statement totals equal ledger sums, and every code adds up.' })
export class LedgerConsistency {
  @Field(() => String)
  period!: string;

  @Field(() => Boolean, { description: "The statement's totals equal the sums of the period's ledger entries." })
  statementMatchesLedger!: boolean;

  @Field(() => Int)
  codesChecked!: number;

  @Field(() => [String], { description: 'Codes where sold != redeemed + refunded + outstanding (should be empty).' })
  mismatchedCodes!: string[];

  @Field(() => Boolean)
  ok!: boolean;
}
