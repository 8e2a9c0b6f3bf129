import type { TicketCodeStatus } from '../../gql/graphql';
import { useI18n } from '../i18n';

/** A code's status in words and colour: 可使用, 已全部核銷, 已分票, 已退款. */
export function StatusBadge({ status }: { status: TicketCodeStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`} data-testid="ticket-status" data-status={status}>
      {t(`redemption.status.${status}`)}
    </span>
  );
}
