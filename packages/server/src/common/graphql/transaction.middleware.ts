import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { hasErrors } from './user-error.js';

class RollbackWithResult {
  constructor(readonly result: unknown) {}
}

/**
 * Mutations that run their own transactions: around a call to the outside (the card gateway), or tuned hot
 * paths. An offline sync applies each redemption as ticketCodeRedeem does, on its own (B7).
 */
const SELF_MANAGED = new Set(['checkoutComplete', 'ticketCodeRedeem', 'ticketCodeOfflineSync']);

/**
 * One transaction per mutation (each root Mutation field). A payload with typed errors rolls the
 * transaction back, so a refusal changes nothing. Wraps the Mutation fields' resolvers once, rather than
 * a type-graphql global middleware, which would run on every field of every response.
 */
export function withMutationTransactions(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    if (SELF_MANAGED.has(field.name) || !field.resolve) continue;
    field.resolve = inTransaction(field.resolve);
  }
  return schema;
}

function inTransaction(resolve: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> {
  return async (source, args, context, info) => {
    const outer = context.em;
    try {
      return await outer.transactional(async (em) => {
        context.em = em;
        const result = await resolve(source, args, context, info);
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
}
