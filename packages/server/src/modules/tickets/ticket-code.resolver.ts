import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { TicketCode } from './ticket-code.entity.js';

@Resolver(() => TicketCode)
export class TicketCodeResolver {
  @FieldResolver(() => String, { description: 'T2: the URL in the QR code: `{CLERK_URL}/redeem/{code}`, so a phone camera opens the redeem page.' })
  qrUrl(@Root() code: TicketCode, @Ctx() ctx: Context): string {
    return qrUrlOf(ctx.config.clerkUrl, code.code);
  }
}

export function qrUrlOf(clerkUrl: string, code: string): string {
  return `${clerkUrl}/redeem/${code}`;
}
