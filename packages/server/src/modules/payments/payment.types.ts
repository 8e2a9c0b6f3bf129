import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'P3: what the shopper must do before the payment completes.' })
export class CheckoutNextAction {
  @Field(() => String, { description: "Send the shopper here (the bank's 3-D Secure page); they come back to the order page." })
  redirectUrl!: string;
}

@ObjectType({ description: "B6: what the shop's browser needs of the card gateway. TapPay's app id and key are public by its design; nothing secret is here." })
export class PaymentConfigInfo {
  @Field(() => String, { description: 'simulator or tappay.' })
  gateway!: string;

  @Field(() => Int, { nullable: true, description: "TapPay's app id, for TPDirect.setupSDK." })
  tappayAppId?: number | null;

  @Field(() => String, { nullable: true, description: "TapPay's app key, for TPDirect.setupSDK." })
  tappayAppKey?: string | null;

  @Field(() => String, { nullable: true, description: 'sandbox or production.' })
  tappayServerType?: string | null;
}

@ObjectType({ description: '金流對帳: one charge as the gateway and our books see it.' })
export class PaymentReconciliationRow {
  @Field(() => String)
  transactionId!: string;

  @Field(() => String, { nullable: true })
  orderId!: string | null;

  @Field(() => String, { nullable: true })
  orderNumber!: string | null;

  @Field(() => String, { nullable: true, description: "The gateway's status of the charge; null when it has no record of it." })
  gatewayStatus!: string | null;

  @Field(() => Int)
  gatewayAmount!: number;

  @Field(() => Int)
  gatewayRefunded!: number;

  @Field(() => String, { nullable: true, description: 'Our payment status; null when our books have no payment for the charge.' })
  booksStatus!: string | null;

  @Field(() => Int)
  booksAmount!: number;

  @Field(() => Int)
  booksRefunded!: number;

  @Field(() => String, { nullable: true, description: 'MISSING_IN_BOOKS, MISSING_AT_GATEWAY, AMOUNT or REFUNDED; null when both agree.' })
  difference!: string | null;

  @Field(() => Date, { nullable: true })
  chargedAt!: Date | null;
}

@ObjectType({ description: '金流對帳 for a period: the rows and how many disagree.' })
export class PaymentReconciliation {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => [PaymentReconciliationRow])
  rows!: PaymentReconciliationRow[];

  @Field(() => Int, { description: 'Rows whose two sides disagree.' })
  differences!: number;
}
