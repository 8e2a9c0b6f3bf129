import './shared/lite/base.css';
import { ApolloProvider } from '@apollo/client/react';
import { AuthProvider, createApolloClient, initI18n } from '@ticket/ui/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app/AppRoutes';
import { catalogs } from './app/locales';

initI18n(catalogs);
const client = createApolloClient();

// Apollo and the session only: Mantine's provider comes with the pages that use it (app/WithMantine.tsx).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <AuthProvider app="SHOP">
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </ApolloProvider>
  </StrictMode>,
);
