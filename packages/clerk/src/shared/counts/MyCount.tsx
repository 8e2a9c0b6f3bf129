import { useI18n } from '../i18n';
import { useMyCount, type SubscribeCounts } from './useMyCount';

/** B2: "今日核銷 N", the signed-in clerk's own redemptions today, kept live. */
export default function MyCount({ clerkId, subscribe }: { clerkId: string; subscribe?: SubscribeCounts }) {
  const { t } = useI18n();
  const count = useMyCount(clerkId, subscribe);
  return (
    <span className="badge plain" data-testid="my-count" data-count={count ?? ''}>
      {t('clerk.myCount', { count: count ?? '–' })}
    </span>
  );
}
