import { useMutation } from '@apollo/client/react';
import { Badge, Box, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { FormError, formatDateTime, useViewer } from '@ticket/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OrderMessageCreateDocument, OrderMessagesMarkReadDocument } from '../api/orders';
import type { OrderDetail } from '../lib/orderLogic';

export const REPLY_MAX = 2000;

/**
 * F1: the inquiry thread (詢問紀錄). Opening the order marks the buyer's messages read; the ones that were
 * unread stay marked 新 for this visit, so the admin sees what is new.
 */
export function InquiryThread({ order }: { order: Pick<OrderDetail, 'id' | 'messages' | 'hasUnreadInquiry'> }) {
  const { t, i18n } = useTranslation();
  const canReply = useViewer()?.permissions.includes('ORDERS_MANAGE') ?? false;
  const [fresh] = useState(() => new Set(order.messages.filter((m) => !m.fromStaff && !m.readByStaffAt).map((m) => m.id)));
  const [markRead] = useMutation(OrderMessagesMarkReadDocument);
  const marked = useRef<string | null>(null);

  useEffect(() => {
    if (!order.hasUnreadInquiry || marked.current === order.id) return;
    marked.current = order.id;
    void markRead({
      variables: { input: { orderId: order.id } },
      update(cache, { data }) {
        if (data?.orderMessagesMarkRead.errors.length) return;
        cache.modify({ id: cache.identify({ __typename: 'Order', id: order.id }), fields: { hasUnreadInquiry: () => false } });
      },
    }).catch(() => {
      // Not marked this time; the list keeps showing it unread and the next visit tries again.
      marked.current = null;
    });
  }, [order.id, order.hasUnreadInquiry, markRead]);

  return (
    <Paper withBorder p="md" data-testid="inquiry-thread">
      <Title order={3} size="h4" mb="sm">
        {t('admin.orders.inquiry.title')}
      </Title>
      <Stack gap="sm">
        {!order.messages.length && (
          <Text size="sm" c="dimmed" data-testid="inquiry-empty">
            {t('admin.orders.inquiry.empty')}
          </Text>
        )}
        {order.messages.map((message) => (
          <Box
            key={message.id}
            data-testid="inquiry-message"
            data-from={message.fromStaff ? 'staff' : 'buyer'}
            maw="85%"
            ml={message.fromStaff ? 'auto' : 0}
            p="sm"
            bg={message.fromStaff ? 'var(--mantine-color-teal-0)' : 'var(--mantine-color-gray-0)'}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Group gap="xs" mb={4}>
              <Text size="xs" fw={700}>
                {message.fromStaff ? t('admin.orders.inquiry.store') : t('admin.orders.inquiry.buyer')}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(message.createdAt, i18n.language)}
              </Text>
              {fresh.has(message.id) && (
                <Badge size="xs" color="red" data-testid="inquiry-new">
                  {t('admin.orders.inquiry.new')}
                </Badge>
              )}
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {message.body}
            </Text>
          </Box>
        ))}
        {canReply && <ReplyForm orderId={order.id} />}
      </Stack>
    </Paper>
  );
}

function ReplyForm({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [create, { loading }] = useMutation(OrderMessageCreateDocument);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (loading) return;
    setError(null);
    setSent(false);
    if (!body.trim()) {
      setError(t('admin.orders.inquiry.bodyRequired'));
      return;
    }
    try {
      const { data } = await create({
        variables: { input: { orderId, body: body.trim() } },
        update(cache, { data: result }) {
          const message = result?.orderMessageCreate.message;
          if (!message) return;
          cache.modify({
            id: cache.identify({ __typename: 'Order', id: orderId }),
            fields: {
              messages: (existing, { toReference }) => [...((existing as readonly unknown[] | undefined) ?? []), toReference({ __typename: 'OrderMessage', id: message.id })],
            },
          });
        },
      });
      const result = data?.orderMessageCreate;
      if (result?.message) {
        setBody('');
        setSent(true);
      } else setError(result?.errors.map((e) => e.message).join(' ') || t('common.unexpectedError'));
    } catch {
      setError(t('common.networkError'));
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <FormError>{error}</FormError>
        <Textarea
          name="reply"
          label={t('admin.orders.inquiry.reply')}
          description={t('admin.orders.inquiry.shortcut')}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={REPLY_MAX}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setSent(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          }}
          data-testid="inquiry-reply"
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed" role="status">
            {sent ? t('admin.orders.inquiry.sent') : t('admin.orders.inquiry.counter', { count: body.length, max: REPLY_MAX })}
          </Text>
          <Button type="submit" loading={loading} data-testid="inquiry-reply-submit">
            {t('admin.orders.inquiry.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
