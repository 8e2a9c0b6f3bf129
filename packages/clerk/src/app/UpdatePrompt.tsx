import { useEffect, useState } from 'react';
import { useI18n } from '../shared/i18n';
import { useServices } from './services';

/** Issue 13.3: the service worker, registered by sw-register.ts (workbox-window) once the page has loaded. */
const registerServiceWorker = (onWaiting: (update: () => void) => void) => {
  if (import.meta.env.PROD && 'serviceWorker' in navigator) void import('./sw-register').then((m) => m.registerServiceWorker(onWaiting));
};

/** "有新版本 — 重新載入" while a new service worker waits. */
export function UpdatePrompt() {
  const { t } = useI18n();
  const { registerServiceWorker: register = registerServiceWorker } = useServices();
  const [update, setUpdate] = useState<(() => void) | null>(null);
  useEffect(() => register((apply) => setUpdate(() => apply)), [register]);
  if (!update) return null;
  return (
    <div className="update" role="alert" data-testid="update-prompt">
      <span>{t('clerk.update.message')}</span>
      <button type="button" className="btn inverse" onClick={update} data-testid="update-reload">
        {t('clerk.update.reload')}
      </button>
    </div>
  );
}
