import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useI18n } from '../shared/i18n';
import { useOnline } from '../shared/network';
import { useOffline } from '../shared/offline/OfflineProvider';
import { Link, useLocation } from '../shared/router';
import { LanguageSwitch } from './LanguageSwitch';
import { useServices } from './services';
import { useSession } from './session';

const MyCount = lazy(() => import('../shared/counts/MyCount'));

const NAV = [
  { to: '/redeem', key: 'redeem' },
  { to: '/redemptions', key: 'redemptions' },
] as const;

/**
 * One-hand, phone-first frame: who is signed in, the network, how many offline redemptions wait to sync
 * (B7), the clerk's count today (B2), and the two places a clerk may go (S1).
 */
export function ClerkShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { viewer, logout } = useSession();
  const { pathname } = useLocation();
  const online = useOnline();
  const offline = useOffline();
  const { subscribeCounts } = useServices();
  const [leaving, setLeaving] = useState(false);
  const [blocked, setBlocked] = useState(false);

  function signOut() {
    // The queue is sent as this clerk: it must be synced before someone else signs in here.
    if (offline.pending > 0) return setBlocked(true);
    setLeaving(true);
    void logout().finally(() => setLeaving(false));
  }

  return (
    <div className="shell">
      <header className="header">
        <div className="row between">
          <strong className="lg">{t('clerk.appName')}</strong>
          <LanguageSwitch />
        </div>
        <div className="row between">
          <span className="strong ellipsis" data-testid="viewer-name">
            {viewer?.name}
          </span>
          <button type="button" className="btn sm" onClick={signOut} disabled={leaving} data-testid="logout">
            {t('common.logout')}
          </button>
        </div>
        <div className="row status">
          <span className={`badge ${online ? 'ok' : 'off'}`} data-testid="network-status" data-online={online ? 'true' : 'false'}>
            {online ? t('clerk.status.online') : t('clerk.status.offline')}
          </span>
          <span className={`badge ${offline.pending ? 'warn' : 'plain'}`} data-testid="sync-pending" data-count={offline.pending}>
            {t('clerk.pending', { count: offline.pending })}
          </span>
          {viewer && (
            <Suspense fallback={<span className="badge plain">{t('clerk.myCount', { count: '–' })}</span>}>
              <MyCount clerkId={viewer.id} subscribe={subscribeCounts} />
            </Suspense>
          )}
        </div>
      </header>
      {blocked && offline.pending > 0 && (
        <div className="alert warn" role="alert" data-testid="logout-blocked">
          {t('clerk.logoutBlocked', { count: offline.pending })}
        </div>
      )}
      {(offline.conflicts > 0 || offline.refused > 0) && (
        <div className="alert danger row between" role="alert" data-testid="sync-conflicts">
          <span>
            {offline.conflicts > 0 && t('clerk.offline.conflicts', { count: offline.conflicts })}
            {offline.conflicts > 0 && offline.refused > 0 && <br />}
            {offline.refused > 0 && t('clerk.offline.refused', { count: offline.refused })}
          </span>
          <button type="button" className="btn sm" onClick={offline.dismissConflicts} data-testid="sync-conflicts-dismiss">
            {t('clerk.offline.dismiss')}
          </button>
        </div>
      )}
      <main className="page">
        <nav className="nav">
          {NAV.map(({ to, key }) => (
            <Link key={key} to={to} className={`btn lg${pathname.startsWith(to) ? ' primary' : ''}`} data-testid={`nav-${key}`} aria-current={pathname.startsWith(to) ? 'page' : undefined}>
              {t(`clerk.nav.${key}`)}
            </Link>
          ))}
        </nav>
        {children}
      </main>
    </div>
  );
}
