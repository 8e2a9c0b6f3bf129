/*
 * Compile-time check that the hand-written session types in @ticket/ui still match schema.graphql
 * (the generated types). A rename on the server breaks this build instead of a sign-in at run time.
 */
import type { Fits, Same, SignInApp, Viewer } from '@ticket/ui';
import type { SessionViewerQuery, SignInApp as SchemaSignInApp } from '../gql/graphql';

export const sessionTypesMatch: [Same<SignInApp, SchemaSignInApp>, Fits<NonNullable<SessionViewerQuery['viewer']>, Viewer>] = [true, true];
