import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { ClerkOfflineProductsDocument, type ClerkOfflineProductsQuery } from '../../../gql/graphql';
import { useI18n } from '../../../shared/i18n';
import { useOnline } from '../../../shared/network';
import { useOffline } from '../../../shared/offline/OfflineProvider';

type Product = ClerkOfflineProductsQuery['offlineProducts'][number];

/** Re-rendered every 30 s, for the time left. */
function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * B7 on the redeem page: the device's offline list (product, how many codes, time left), downloading one
 * for a product the admin opened to offline redemption, and the sync of what was redeemed offline.
 */
export default function OfflinePanel() {
  const { t } = useI18n();
  const client = useApolloClient();
  const online = useOnline();
  const offline = useOffline();
  const now = useNow();
  const [products, setProducts] = useState<Product[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { snapshot } = offline;

  async function choose() {
    setError(null);
    setBusy('list');
    try {
      const { data } = await client.query({ query: ClerkOfflineProductsDocument, fetchPolicy: 'network-only' });
      setProducts(data?.offlineProducts ?? []);
    } catch {
      setError(t('common.networkError'));
    } finally {
      setBusy(null);
    }
  }

  async function download(productId: string) {
    setError(null);
    setBusy(productId);
    try {
      const refusal = await offline.download(productId);
      if (refusal) setError(refusal);
      else setProducts(null);
    } catch {
      setError(t('common.networkError'));
    } finally {
      setBusy(null);
    }
  }

  const left = snapshot ? new Date(snapshot.expiresAt).getTime() - now : 0;
  const minutes = Math.max(0, Math.floor(left / 60_000));
  return (
    <section className="card stack" data-testid="offline-panel">
      <h2 className="title sm">{t('clerk.offline.title')}</h2>
      {snapshot ? (
        <div data-testid="offline-snapshot" data-expired={left <= 0 ? 'true' : 'false'}>
          <div className="lg strong wrap" data-testid="offline-product">
            {snapshot.productTitle}
          </div>
          <div className={left <= 0 ? 'danger-text strong' : undefined} data-testid="offline-status">
            {left <= 0
              ? `${snapshot.count} ・ ${t('clerk.offline.expired')}`
              : t('clerk.offline.snapshot', { count: snapshot.count, time: t('clerk.offline.timeLeft', { h: Math.floor(minutes / 60), m: minutes % 60 }) })}
          </div>
        </div>
      ) : (
        <div className="dim">{t('clerk.offline.none')}</div>
      )}
      {offline.pending > 0 && (
        <button type="button" className="btn lg" disabled={!online || offline.syncing} onClick={() => void offline.sync()} data-testid="sync-now">
          {offline.syncing ? t('clerk.offline.syncing') : t('clerk.offline.syncNow')}
        </button>
      )}
      {offline.syncError && (
        <div className="alert danger" role="alert" data-testid="sync-error">
          {offline.syncError}
        </div>
      )}
      {products === null ? (
        <button type="button" className="btn lg" disabled={!online || busy !== null} onClick={() => void choose()} data-testid="offline-choose">
          {busy === 'list' ? t('common.loading') : snapshot ? t('clerk.offline.refresh') : t('clerk.offline.download')}
        </button>
      ) : (
        <div className="stack tight" data-testid="offline-products">
          <div className="label">{products.length ? t('clerk.offline.choose') : t('clerk.offline.noProducts')}</div>
          {products.map((p) => (
            <button key={p.id} type="button" className="btn lg primary" disabled={busy !== null} onClick={() => void download(String(p.id))} data-testid="offline-product-option" data-product-id={p.id}>
              {busy === p.id ? t('clerk.offline.downloading') : p.title}
            </button>
          ))}
          <button type="button" className="btn" onClick={() => setProducts(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {!online && <div className="dim small">{t('clerk.offline.needsNetwork')}</div>}
      {error && (
        <div className="alert danger" role="alert" data-testid="offline-error">
          {error}
        </div>
      )}
    </section>
  );
}
