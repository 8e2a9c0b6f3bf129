import { createContext, useContext } from 'react';
import type { SubscribeCounts } from '../shared/counts/useMyCount';

/** What the app reaches outside React, replaceable in tests. */
export interface Services {
  /** B2: live counts (graphql-ws by default). */
  subscribeCounts?: SubscribeCounts;
  /** Issue 13.3: registers the service worker and calls back with `update` when a new version waits. */
  registerServiceWorker?: (onWaiting: (update: () => void) => void) => void;
}

export const ServicesContext = createContext<Services>({});
export const useServices = (): Services => useContext(ServicesContext);
