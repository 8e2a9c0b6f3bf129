import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import { TestClock } from '../../common/clock.js';
import type { Context } from '../../common/context.js';

@InputType()
export class TestClockSetInput {
  @Field(() => Date)
  now!: Date;
}

@ObjectType()
export class TestClockSetPayload {
  @Field(() => Date)
  now!: Date;
}

/** Only in the schema when the server runs with ENABLE_TEST_CLOCK=1 (never in production), and only for an admin. */
@Resolver()
export class TestClockResolver {
  @Authorized(Permission.SETTINGS_MANAGE)
  @Mutation(() => TestClockSetPayload, { description: 'Moves the server clock (tests only). The job runner follows it. Requires SETTINGS_MANAGE.' })
  async testClockSet(@Arg('input', () => TestClockSetInput) input: TestClockSetInput, @Ctx() ctx: Context): Promise<TestClockSetPayload> {
    if (!(ctx.clock instanceof TestClock)) throw new Error('The test clock is not enabled');
    ctx.clock.set(input.now);
    await ctx.services.runSweeps();
    return { now: ctx.clock.now() };
  }
}
