import './styles.css';
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './app/apollo';
import { ClerkApp } from './app/AppRoutes';
import { ClerkProviders } from './app/providers';
import { unlockAudioOnGesture } from './shared/audio';
import { catalogs } from './app/locales';
import { loadCatalog, storedLanguage } from './shared/i18n';
import { BrowserRouter } from './shared/router';

unlockAudioOnGesture();

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ApolloProvider client={createClient()}>
        <ClerkProviders>
          <BrowserRouter>
            <ClerkApp />
          </BrowserRouter>
        </ClerkProviders>
      </ApolloProvider>
    </StrictMode>,
  );

// English, when it is the stored choice, before the first render (zh-TW is in the page already).
void loadCatalog(catalogs, storedLanguage()).catch(() => {}).finally(render);
