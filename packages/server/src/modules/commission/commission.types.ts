import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { createErrorType } from '../../common/graphql/user-error.js';
import { Referrer } from './referrer.entity.js';

export const ReferrerCreateErrors = createErrorType('ReferrerCreateError', {
  NAME_REQUIRED: { 'zh-TW': '請填寫推薦人名稱', en: 'Please enter a name' },
  INVALID_CODE: { 'zh-TW': '推薦碼須為 3-20 個英數字', en: 'The code must be 3-20 letters or digits' },
  CODE_TAKEN: { 'zh-TW': '此推薦碼已被使用', en: 'This code is already in use' },
  INVALID_RATE: { 'zh-TW': '分潤比例須介於 0 到 10000 個基點', en: 'The rate must be between 0 and 10000 basis points' },
});

@InputType()
export class ReferrerCreateInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  code!: string;

  @Field(() => Int, { description: 'Basis points: 1000 = 10%.' })
  commissionBasisPoints!: number;
}

@ObjectType()
export class ReferrerCreatePayload {
  @Field(() => Referrer, { nullable: true })
  referrer?: Referrer | null;

  @Field(() => [ReferrerCreateErrors.ErrorType])
  errors: InstanceType<typeof ReferrerCreateErrors.ErrorType>[] = [];
}

@ObjectType('CommissionReportRow', { description: "A2: one referrer's commissions made in a period." })
export class CommissionReportRow {
  @Field(() => Referrer)
  referrer!: Referrer;

  @Field(() => Int)
  orders!: number;

  @Field(() => Int, { description: 'Amount paid less refunds made before closing.' })
  baseAmount!: number;

  @Field(() => Int)
  commission!: number;
}

@ObjectType('CommissionReport', { description: 'A2: commissions made (at order closing) in a settlement period, per referrer.' })
export class CommissionReport {
  @Field(() => String)
  period!: string;

  @Field(() => [CommissionReportRow])
  rows!: CommissionReportRow[];

  @Field(() => Int)
  total!: number;
}
