import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderStatus, TicketCodeStatus } from '../../../gql/graphql';

const ORDER_COLORS: Record<OrderStatus, string> = {
  PENDING_PAYMENT: 'yellow',
  PAID: 'teal',
  RETURNING: 'orange',
  RETURN_REVIEW: 'orange',
  PARTIALLY_REFUNDED: 'grape',
  CANCELLED: 'gray',
  CLOSED: 'dark',
  PAYMENT_FAILED: 'red',
  EXPIRED: 'gray',
};

const CODE_COLORS: Record<TicketCodeStatus, string> = {
  ACTIVE: 'teal',
  FULLY_REDEEMED: 'blue',
  SPLIT: 'gray',
  REFUNDED: 'gray',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ORDER_COLORS[status]} variant="light" data-testid="order-status" data-status={status}>
      {t(`shop.status.order.${status}`)}
    </Badge>
  );
}

export function CodeStatusBadge({ status }: { status: TicketCodeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={CODE_COLORS[status]} variant={status === 'ACTIVE' ? 'filled' : 'light'} data-testid="code-status" data-status={status}>
      {t(`shop.status.code.${status}`)}
    </Badge>
  );
}
