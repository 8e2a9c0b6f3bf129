import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { StatementSummary, TicketLiability } from '../statements/statement.types.js';

export enum DashboardRange {
  TODAY = 'TODAY',
  LAST_7_DAYS = 'LAST_7_DAYS',
  LAST_30_DAYS = 'LAST_30_DAYS',
  CURRENT_PERIOD = 'CURRENT_PERIOD',
}
registerEnumType(DashboardRange, {
  name: 'DashboardRange',
  description: 'B10: whole Asia/Taipei business days up to and including today: today, the last 7 or 30 days, or this settlement period (L2) so far.',
  valuesConfig: {
    TODAY: { description: 'Today (Asia/Taipei).' },
    LAST_7_DAYS: { description: 'Today and the 6 days before.' },
    LAST_30_DAYS: { description: 'Today and the 29 days before.' },
    CURRENT_PERIOD: { description: 'From the first day of the current half-month settlement period to today.' },
  },
});

@ObjectType('DashboardDay', { description: 'B10: one Asia/Taipei business day of the range, from the ledger.' })
export class DashboardDay {
  @Field(() => String, { description: 'The day, YYYY-MM-DD (Asia/Taipei).' })
  date!: string;

  @Field(() => Int, { description: 'Face value of tickets sold that day (ledger SALE).' })
  sales!: number;

  @Field(() => Int, { description: 'Tickets sold that day (units).' })
  ticketsSold!: number;

  @Field(() => Int, { description: 'Face value redeemed that day (ledger REDEMPTION): what the statement pays for it.' })
  redeemedAmount!: number;

  @Field(() => Int, { description: 'Units redeemed that day.' })
  redeemedUnits!: number;
}

@ObjectType('DashboardProduct', { description: 'B10: a product with its sales or redemptions in the range.' })
export class DashboardProduct {
  @Field(() => ID)
  productId!: string;

  @Field(() => String, { description: "The product's current title." })
  title!: string;

  @Field(() => Int, { description: 'Units sold (top by sales) or redeemed (top by redemptions).' })
  units!: number;

  @Field(() => Int, { description: 'Face value sold or redeemed.' })
  amount!: number;
}

@ObjectType('DashboardHour', { description: 'B10: redemptions in one hour of the day (Asia/Taipei), over the range.' })
export class DashboardHour {
  @Field(() => Int, { description: '0-23, Asia/Taipei.' })
  hour!: number;

  @Field(() => Int)
  redeemedUnits!: number;

  @Field(() => Int)
  redeemedAmount!: number;
}

@ObjectType('Dashboard', {
  description:
    "B10 (首頁): how the store is doing, from the ledger (L1) only, so every figure agrees with 對帳: the range's sums equal the statements' and the books check's for the same days. Ticket figures (goods are not in the ledger).",
})
export class Dashboard {
  @Field(() => DashboardRange)
  range!: DashboardRange;

  @Field(() => Date, { description: 'Start of the first day of the range (00:00 Asia/Taipei).' })
  from!: Date;

  @Field(() => Date, { description: 'End of the range, exclusive: 00:00 Asia/Taipei after today.' })
  to!: Date;

  @Field(() => Date, { description: 'When the figures were read.' })
  asOf!: Date;

  @Field(() => Int, { description: 'Face value of tickets sold (ledger SALE: unit price paid, after mix-and-match discounts).' })
  grossSales!: number;

  @Field(() => Int, { description: 'Ticket orders paid in the range.' })
  orders!: number;

  @Field(() => Int, { description: 'Tickets sold (units).' })
  ticketsSold!: number;

  @Field(() => Int, { description: 'Units redeemed.' })
  redeemedUnits!: number;

  @Field(() => Int, { description: 'Face value redeemed: what the statements of these days pay for redemptions (L2).' })
  redeemedAmount!: number;

  @Field(() => Int, { description: 'Face value refunded (ledger REFUND).' })
  refundedAmount!: number;

  @Field(() => Int, { description: 'Units refunded.' })
  refundedUnits!: number;

  @Field(() => Int, { description: 'Orders with a refund (or a cancellation) in the range.' })
  refunds!: number;

  @Field(() => Int, { description: 'Ticket fees charged on the sales (L3).' })
  feeAmount!: number;

  @Field(() => Int, { description: 'Ticket fees returned with refunds (L3).' })
  feeRefundAmount!: number;

  @Field(() => TicketLiability, { description: 'L5 (履約保障) now: sold face value neither redeemed nor refunded, as the liability report computes it.' })
  liability!: TicketLiability;

  @Field(() => StatementSummary, { description: "The current settlement period's statement so far: its payout as the statement computes it (L4)." })
  currentPeriod!: StatementSummary;

  @Field(() => [DashboardDay], { description: 'Every day of the range, oldest first (days without activity as zeros).' })
  days!: DashboardDay[];

  @Field(() => [DashboardProduct], { description: 'Up to 5 products with the most sales (face value) in the range.' })
  topProductsBySales!: DashboardProduct[];

  @Field(() => [DashboardProduct], { description: 'Up to 5 products with the most units redeemed in the range.' })
  topProductsByRedemptions!: DashboardProduct[];

  @Field(() => [DashboardHour], { description: 'The 24 hours of the day (Asia/Taipei) with the units redeemed in each over the range: the busiest ones stand out.' })
  redemptionHours!: DashboardHour[];
}
