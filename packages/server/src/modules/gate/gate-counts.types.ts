import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'B2: one product at the gate. "Today" is the business day in Asia/Taipei.' })
export class ProductGateCount {
  @Field(() => ID)
  productId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Int, { description: 'Units sold (paid codes), less refunded units.' })
  sold!: number;

  @Field(() => Int, { description: 'Units redeemed today (online and synced offline redemptions, by when they were recorded), less reversals (B3) recorded today.' })
  redeemedToday!: number;

  @Field(() => Int, { description: 'Units still redeemable (active codes).' })
  remaining!: number;
}

@ObjectType({ description: 'B2: one clerk (or admin, or API key) at the gate today.' })
export class ClerkGateCount {
  @Field(() => ID, { description: 'The staff account (or API key) id.' })
  clerkId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: 'Units this clerk redeemed today, less reversals they recorded today (B3).' })
  redeemedToday!: number;
}

@ObjectType({ description: 'B2: live gate counts. Admins see every product redeemed today (or the one asked for) and every clerk; a ticket clerk or API key sees only itself and the products it redeemed today (or the one asked for).' })
export class GateCounts {
  @Field(() => Date, { description: 'When these counts were read.' })
  at!: Date;

  @Field(() => [ProductGateCount], { description: 'By title.' })
  products!: ProductGateCount[];

  @Field(() => [ClerkGateCount], { description: 'Most redeemed first.' })
  clerks!: ClerkGateCount[];
}
