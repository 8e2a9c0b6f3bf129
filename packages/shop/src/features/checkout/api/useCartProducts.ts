import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { CheckoutProductQuery } from '../../../gql/graphql';
import { CheckoutProductDocument } from './checkout';

export type CheckoutProduct = NonNullable<CheckoutProductQuery['product']>;

export interface CartProducts {
  /** Current data of each product in the cart; a product that is gone maps to null. */
  products: Map<string, CheckoutProduct | null>;
  loading: boolean;
  failed: boolean;
  retry(): void;
}

/** Reads the current price, stock, terms and shipping of every product in a cart (one query each, cached). */
export function useCartProducts(productIds: string[]): CartProducts {
  const client = useApolloClient();
  const key = [...new Set(productIds)].sort().join(',');
  const [state, setState] = useState<{ key: string; products: Map<string, CheckoutProduct | null>; failed: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const ids = key ? key.split(',') : [];
    Promise.all(ids.map((id) => client.query({ query: CheckoutProductDocument, variables: { id }, fetchPolicy: 'network-only' })))
      .then((results) => {
        if (live) setState({ key, failed: false, products: new Map(ids.map((id, i) => [id, results[i]!.data?.product ?? null])) });
      })
      .catch(() => {
        if (live) setState({ key, failed: true, products: new Map() });
      });
    return () => {
      live = false;
    };
  }, [client, key, attempt]);

  const current = state?.key === key ? state : null;
  return {
    products: current?.products ?? new Map(),
    loading: !current,
    failed: current?.failed ?? false,
    retry: () => {
      setState(null);
      setAttempt((n) => n + 1);
    },
  };
}
