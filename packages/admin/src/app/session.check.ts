/*
 * Compile-time check that the hand-written session types in @ticket/ui still match schema.graphql
 * (the generated types). A rename on the server breaks this build instead of a sign-in at run time.
 */
import type { SignInApp, Viewer } from '@ticket/ui';
import type { SessionViewerQuery, SignInApp as SchemaSignInApp } from '../gql/graphql';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<A, B> = [A] extends [B] ? true : false;
export const sessionTypesMatch: [Same<SignInApp, SchemaSignInApp>, Fits<NonNullable<SessionViewerQuery['viewer']>, Viewer>] = [true, true];
