import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderStatus, TicketCodeStatus } from '../../../gql/graphql';
import { CODE_STATUS_COLOR, ORDER_STATUS_COLOR } from '../lib/orderLogic';

type Props = Omit<BadgeProps, 'color' | 'children'>;

/** 已付款, 退貨中, 退貨審查, 部分退款 … in words and colour. */
export function OrderStatusBadge({ status, ...props }: { status: OrderStatus } & Props) {
  const { t } = useTranslation();
  return (
    <Badge miw="max-content" tt="none" color={ORDER_STATUS_COLOR[status]} data-testid="order-status" data-status={status} {...props}>
      {t(`admin.orders.status.${status}`)}
    </Badge>
  );
}

/** 可使用, 已全部核銷, 已分票, 已退款. */
export function CodeStatusBadge({ status, ...props }: { status: TicketCodeStatus } & Props) {
  const { t } = useTranslation();
  return (
    <Badge miw="max-content" tt="none" variant="light" color={CODE_STATUS_COLOR[status]} data-testid="code-status" data-status={status} {...props}>
      {t(`admin.orders.codeStatus.${status}`)}
    </Badge>
  );
}
