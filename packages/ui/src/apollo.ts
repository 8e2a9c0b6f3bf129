import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { currentLanguage } from './i18n';

/**
 * The API lives at the SPA's own origin (`/graphql`, proxied), so the HttpOnly session cookie rides along
 * with `same-origin` and no token is ever held in script. Server messages follow the UI language.
 */
export function createApolloClient(options: { uri?: string; language?: () => string } = {}): ApolloClient {
  const language = options.language ?? currentLanguage;
  const withLanguage = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, 'accept-language': language() },
    }));
    return forward(operation);
  });
  return new ApolloClient({
    link: ApolloLink.from([withLanguage, new HttpLink({ uri: options.uri ?? '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache(),
  });
}
