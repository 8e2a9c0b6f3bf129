import { useMutation } from '@apollo/client/react';
import { Alert, Box, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { FormError, formatDateTime } from '@ticket/ui';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { OrderMessage_MessageFragment, OrderMessageCreateErrorCode } from '../../../gql/graphql';
import { SendIcon } from '../../../shared/components/icons';
import { OrderMessageCreateDocument } from '../api/orders';

/** F1: one message of the 詢問紀錄. */
export const OrderMessageFragment = graphql(`
  fragment OrderMessage_message on OrderMessage {
    id
    body
    fromStaff
    createdAt
  }
`);

/** The server's limit (BODY_TOO_LONG). */
export const MESSAGE_MAX = 2000;

/**
 * Which refusals are about what was typed (the field is marked too) rather than the order. Every refusal
 * shows the server's message; INVALID_INPUT (out of the input's bounds) marks the field when it names it.
 */
function aboutBody({ code, field }: { code: OrderMessageCreateErrorCode; field?: string | null }): boolean {
  switch (code) {
    case 'BODY_REQUIRED':
    case 'BODY_TOO_LONG':
      return true;
    case 'INVALID_INPUT':
      return field === 'body';
    case 'ORDER_NOT_FOUND':
      return false;
    default: {
      const unknown: never = code;
      return Boolean(unknown);
    }
  }
}

function Message({ message }: { message: OrderMessage_MessageFragment }) {
  const { t, i18n } = useTranslation();
  const mine = !message.fromStaff;
  return (
    <Box
      component="li"
      data-testid="order-message"
      data-from={mine ? 'buyer' : 'staff'}
      style={{ alignSelf: mine ? 'flex-end' : 'flex-start', maxWidth: 'min(85%, 560px)', listStyle: 'none' }}
    >
      <Group gap={6} justify={mine ? 'flex-end' : 'flex-start'} mb={2}>
        <Text size="xs" fw={600} c={mine ? 'teal.9' : 'gray.8'}>
          {mine ? t('shop.messages.you') : t('shop.messages.store')}
        </Text>
        <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
          {formatDateTime(message.createdAt, i18n.language)}
        </Text>
      </Group>
      <Paper
        p="sm"
        radius="lg"
        bg={mine ? 'teal.0' : 'gray.1'}
        style={{
          borderEndEndRadius: mine ? 4 : undefined,
          borderEndStartRadius: mine ? undefined : 4,
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        <Text size="sm">{message.body}</Text>
      </Paper>
    </Box>
  );
}

/**
 * F1/F9: 詢問紀錄 on the order: the buyer's messages on one side, the store's replies on the other, and a
 * form to write; refunds are asked for here.
 */
export function OrderMessages({ orderId, messages }: { orderId: string; messages: OrderMessage_MessageFragment[] }) {
  const { t } = useTranslation();
  const [create] = useMutation(OrderMessageCreateDocument);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: boolean } | null>(null);
  const [required, setRequired] = useState(false);
  const [sent, setSent] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const count = useRef(messages.length);

  // A new message (sent here, or a reply on refetch) is scrolled into view.
  useEffect(() => {
    if (messages.length > count.current) list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
    count.current = messages.length;
  }, [messages.length]);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    setSent(false);
    if (!body.trim()) {
      setRequired(true);
      return;
    }
    setRequired(false);
    setBusy(true);
    setError(null);
    try {
      const { data } = await create({
        variables: { input: { orderId, body } },
        update(cache, { data: result }) {
          const message = result?.orderMessageCreate.message;
          if (!message) return;
          cache.modify({
            id: cache.identify({ __typename: 'Order', id: orderId }),
            fields: {
              messages(existing, { toReference }) {
                const added = toReference({ __typename: 'OrderMessage', id: message.id });
                return Array.isArray(existing) && added ? [...existing, added] : existing;
              },
            },
          });
        },
      });
      const result = data?.orderMessageCreate;
      if (!result) throw new Error('no payload');
      const refusal = result.errors[0];
      if (refusal) setError({ message: refusal.message, field: aboutBody(refusal) });
      else {
        setBody('');
        setSent(true);
      }
    } catch {
      setError({ message: t('common.networkError'), field: false });
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="messages-title" id="inquiries" data-testid="order-messages">
      <Stack gap="md">
        <Title order={2} size="h4" id="messages-title">
          {t('shop.messages.title')}
        </Title>
        <Alert color="blue" variant="light" data-testid="refund-hint">
          {t('shop.messages.refundHint')}
        </Alert>
        {messages.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="messages-empty">
            {t('shop.messages.empty')}
          </Text>
        ) : (
          <Stack
            ref={list}
            component="ol"
            gap="sm"
            aria-label={t('shop.messages.list')}
            style={{ padding: 0, margin: 0, maxHeight: 480, overflowY: 'auto' }}
            data-testid="order-message-list"
          >
            {messages.map((m) => (
              <Message key={m.id} message={m} />
            ))}
          </Stack>
        )}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="xs">
            <FormError>{error?.message}</FormError>
            {sent && (
              <Text size="sm" c="teal.8" role="status" data-testid="message-sent">
                {t('shop.messages.sent')}
              </Text>
            )}
            <Textarea
              name="body"
              label={t('shop.messages.body')}
              placeholder={t('shop.messages.placeholder')}
              autosize
              minRows={3}
              maxRows={10}
              maxLength={MESSAGE_MAX}
              value={body}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                if (required) setRequired(false);
              }}
              onKeyDown={onKeyDown}
              error={required ? t('common.required') : error?.field || undefined}
              description={t('shop.messages.counter', { count: body.length, max: MESSAGE_MAX })}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
            <Group justify="space-between" gap="xs">
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {t('shop.messages.shortcut')}
              </Text>
              <Button type="submit" loading={busy} leftSection={<SendIcon size={16} />} data-testid="message-submit" ml="auto">
                {t('shop.messages.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
