import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../context.js';
import { hasErrors } from './user-error.js';

class RollbackWithResult {
  constructor(readonly result: unknown) {}
}

/** Mutations that run their own transactions: around a call to the outside (the card gateway), or tuned hot paths. */
const SELF_MANAGED = new Set(['checkoutComplete', 'ticketCodeRedeem']);

/**
 * One transaction per mutation (each root Mutation field). A payload with typed errors rolls the
 * transaction back, so a refusal changes nothing.
 */
export const MutationTransaction: MiddlewareFn<Context> = async ({ context, info }, next) => {
  if (info.parentType.name !== 'Mutation' || SELF_MANAGED.has(info.fieldName)) return next();
  const outer = context.em;
  try {
    return await outer.transactional(async (em) => {
      context.em = em;
      const result = await next();
      if (hasErrors(result)) throw new RollbackWithResult(result);
      return result;
    });
  } catch (e) {
    if (e instanceof RollbackWithResult) return e.result;
    throw e;
  } finally {
    context.em = outer;
  }
};
