import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { currentLanguage } from '../shared/i18n';

/** The API on the app's own origin (the session cookie rides along); server messages in the UI language. */
export function createClient(): ApolloClient {
  const withLanguage = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({ headers: { ...headers, 'accept-language': currentLanguage() } }));
    return forward(operation);
  });
  return new ApolloClient({
    link: ApolloLink.from([withLanguage, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache(),
  });
}
