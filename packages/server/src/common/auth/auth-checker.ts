import { AuthenticationError, type AuthChecker } from 'type-graphql';
import type { Context } from '../context.js';
import { OWNER, type Permission } from './permissions.js';

/** Objects a shopper can own expose the owner's user id under this name. */
export interface Owned {
  ownerId?: string | null;
}

/**
 * `@Authorized()` needs any principal; `@Authorized(P.X, P.Y)` needs one of the permissions;
 * OWNER among them also lets the signed-in user who owns the object through.
 */
export const authChecker: AuthChecker<Context, string> = ({ root, context }, rules) => {
  const principal = context.principal;
  if (!principal) throw new AuthenticationError('Sign in first (not authenticated)');
  if (rules.length === 0) return true;
  return rules.some((rule) => {
    if (rule === OWNER) return !!principal.userId && (root as Owned | undefined)?.ownerId === principal.userId;
    return principal.permissions.has(rule as Permission);
  });
};
