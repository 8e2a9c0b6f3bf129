import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useSyncExternalStore } from 'react';

/** The first GraphQL error of an Apollo error (a refusal the server gave), or null for anything else. */
export function graphQLErrorOf(error: unknown): { code?: unknown; retryAfterSeconds?: unknown; message: string } | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const first = error.errors[0];
  return first ? { ...first.extensions, message: first.message } : null;
}

/** No answer from the API (offline, timed out, a proxy's 502): not a refusal by the server. */
export const isNetworkError = (error: unknown): boolean => !CombinedGraphQLErrors.is(error);

const subscribe = (onChange: () => void) => {
  addEventListener('online', onChange);
  addEventListener('offline', onChange);
  return () => {
    removeEventListener('online', onChange);
    removeEventListener('offline', onChange);
  };
};

/** navigator.onLine, re-rendered on the online and offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
}
