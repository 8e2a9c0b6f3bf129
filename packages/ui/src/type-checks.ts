/**
 * For the apps' compile-time checks (`src/app/*.check.ts`): hand-written types in @ticket/ui against the
 * types each app's codegen makes from schema.graphql. `Same`: equal both ways; `Fits`: A can stand for B.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Fits<A, B> = [A] extends [B] ? true : false;
