import { useMemo, type ReactNode } from 'react';
import { I18nProvider, type Catalogs, type Language } from '../shared/i18n';
import { OfflineProvider } from '../shared/offline/OfflineProvider';
import type { OfflineStore } from '../shared/offline/store';
import { deviceLabel } from '../shared/ui-source';
import { catalogs as clerkCatalogs } from './locales';
import { ServicesContext, type Services } from './services';
import { SessionProvider, useSession } from './session';

function Offline({ openStore, children }: { openStore?: () => Promise<OfflineStore>; children: ReactNode }) {
  const { viewer } = useSession();
  const deviceId = useMemo(() => deviceLabel('clerk'), []);
  return (
    <OfflineProvider deviceId={deviceId} openStore={openStore} active={viewer !== null}>
      {children}
    </OfflineProvider>
  );
}

export interface ClerkProvidersProps extends Services {
  catalogs?: Catalogs;
  language?: Language;
  /** Where offline data lives (IndexedDB unless given). */
  openStore?: () => Promise<OfflineStore>;
  children: ReactNode;
}

/** Translations, the session, offline redemption and the outside services, inside an Apollo provider. */
export function ClerkProviders({ catalogs = clerkCatalogs, language, openStore, subscribeCounts, registerServiceWorker, children }: ClerkProvidersProps) {
  const services = useMemo<Services>(() => ({ subscribeCounts, registerServiceWorker }), [subscribeCounts, registerServiceWorker]);
  return (
    <I18nProvider catalogs={catalogs} initial={language}>
      <ServicesContext.Provider value={services}>
        <SessionProvider>
          <Offline openStore={openStore}>{children}</Offline>
        </SessionProvider>
      </ServicesContext.Provider>
    </I18nProvider>
  );
}
