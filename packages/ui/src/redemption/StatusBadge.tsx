import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketCodeStatus } from './documents';

const COLORS: Record<TicketCodeStatus, string> = {
  ACTIVE: 'green',
  FULLY_REDEEMED: 'gray',
  SPLIT: 'orange',
  REFUNDED: 'red',
};

/** A code's status in words and colour: 可使用, 已全部核銷, 已分票, 已退款. */
export function StatusBadge({ status, ...props }: { status: TicketCodeStatus } & Omit<BadgeProps, 'color' | 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant={status === 'ACTIVE' ? 'filled' : 'light'} data-testid="ticket-status" data-status={status} tt="none" {...props}>
      {t(`redemption.status.${status}`)}
    </Badge>
  );
}
