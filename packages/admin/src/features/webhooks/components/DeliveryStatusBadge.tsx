import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WebhookDeliveryStatus } from '../../../gql/graphql';

const COLORS: Record<WebhookDeliveryStatus, string> = { PENDING: 'yellow', SUCCEEDED: 'green', FAILED: 'red' };

/** A delivery's state, with the HTTP status of its latest attempt when there was one. */
export function DeliveryStatusBadge({ status, statusCode }: { status: WebhookDeliveryStatus; statusCode?: number | null }) {
  const { t } = useTranslation();
  return (
    <Badge miw="max-content" color={COLORS[status]} variant="light" data-testid="webhook-delivery-status">
      {t(`admin.webhooks.deliveryStatus.${status}`)}
      {statusCode != null ? ` · ${statusCode}` : ''}
    </Badge>
  );
}
