import { ActionIcon, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useReducedMotion } from '@mantine/hooks';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { SplitCard_CodeFragment } from '../../../gql/graphql';
import { ChevronLeftIcon, ChevronRightIcon } from '../../../shared/components/icons';
import { CodeText } from './CodeText';
import { CodeStatusBadge } from './StatusBadge';
import { useQrImage } from './useQrImage';

/** X1: one split code (25 characters, quantity 1) as a card with its own QR. */
export const SplitCardFragment = graphql(`
  fragment SplitCard_code on TicketCode {
    code
    quantity
    remainingQuantity
    status
    qrUrl
  }
`);

const GAP = 12;

function SplitCard({ code, index, total, near }: { code: SplitCard_CodeFragment; index: number; total: number; near: boolean }) {
  const { t } = useTranslation();
  const usable = code.status === 'ACTIVE' && code.remainingQuantity > 0;
  // Only the cards around the one in view draw their QR: a split of 50 stays quick.
  const { src, failed } = useQrImage(code.qrUrl, near && usable);

  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      shadow="xs"
      role="group"
      aria-roledescription={t('shop.split.cards.slide')}
      aria-label={t('shop.split.cards.position', { index: index + 1, total })}
      data-testid="split-card"
      data-code={code.code}
      data-status={code.status}
      style={{ flex: '0 0 auto', width: 'min(86%, 320px)', scrollSnapAlign: 'start', background: usable ? undefined : 'var(--mantine-color-gray-0)' }}
    >
      <Stack align="center" gap="xs">
        <Group justify="space-between" w="100%" wrap="nowrap">
          <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {index + 1} / {total}
          </Text>
          <CodeStatusBadge status={code.status} />
        </Group>
        <Center w="100%" style={{ aspectRatio: '1 / 1', maxWidth: 280 }}>
          {!usable ? (
            <Text size="sm" c="dimmed" ta="center" px="md">
              {t(`shop.orders.code.unusable.${code.status}`)}
            </Text>
          ) : src ? (
            <img
              src={src}
              alt={t('shop.split.cards.qrAlt', { code: code.code })}
              data-testid="split-card-qr"
              draggable={false}
              style={{ width: '100%', height: '100%', imageRendering: 'pixelated', background: '#fff' }}
            />
          ) : failed ? (
            <Text size="sm" c="red.8" ta="center" role="alert">
              {t('shop.split.cards.qrFailed')}
            </Text>
          ) : (
            <Loader aria-label={t('common.loading')} />
          )}
        </Center>
        <CodeText code={code.code} ta="center" data-testid="split-card-code" style={{ fontSize: 'clamp(0.8rem, 3.7vw, 1.05rem)', userSelect: 'all' }} />
        <Text fw={700} size="lg">
          {t('shop.split.cards.one')}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * X1: split codes as swipeable QR cards: a horizontal scroll-snap track, with previous/next buttons and the
 * arrow keys (Home/End too) for those without a touch screen.
 */
export function SplitCards({ codes }: { codes: SplitCard_CodeFragment[] }) {
  const { t } = useTranslation();
  const reduceMotion = useReducedMotion();
  const track = useRef<HTMLDivElement>(null);
  // Opened again later, the cards start at the first code still usable.
  const [index, setIndex] = useState(() => Math.max(0, codes.findIndex((c) => c.status === 'ACTIVE' && c.remainingQuantity > 0)));
  // While a button or key scrolls the track, its scroll events must not move the index back and forth.
  const steering = useRef<ReturnType<typeof setTimeout> | null>(null);
  const total = codes.length;

  useEffect(() => () => void (steering.current && clearTimeout(steering.current)), []);
  useEffect(() => {
    const el = track.current;
    const card = el?.children[index] as HTMLElement | undefined;
    if (el && card && index > 0) el.scrollLeft = card.offsetLeft - GAP;
    // Only where the cards start; later moves scroll on their own.
  }, []);

  function go(next: number) {
    const target = Math.max(0, Math.min(total - 1, next));
    setIndex(target);
    const el = track.current;
    const card = el?.children[target] as HTMLElement | undefined;
    if (!el || !card) return;
    if (steering.current) clearTimeout(steering.current);
    steering.current = setTimeout(() => (steering.current = null), reduceMotion ? 50 : 700);
    el.scrollTo?.({ left: card.offsetLeft - GAP, behavior: reduceMotion ? 'auto' : 'smooth' });
  }

  function onScroll() {
    const el = track.current;
    if (!el || steering.current) return;
    if (el.scrollLeft >= el.scrollWidth - el.clientWidth - 2) {
      // At the end several cards are in full view: keep the current one if it is, else the last.
      setIndex((current) => {
        const card = el.children[current] as HTMLElement | undefined;
        const inView = !!card && card.offsetLeft >= el.scrollLeft && card.offsetLeft + card.offsetWidth <= el.scrollLeft + el.clientWidth;
        return inView ? current : total - 1;
      });
      return;
    }
    let nearest = 0;
    let distance = Infinity;
    Array.from(el.children).forEach((child, i) => {
      const d = Math.abs((child as HTMLElement).offsetLeft - GAP - el.scrollLeft);
      if (d < distance) {
        distance = d;
        nearest = i;
      }
    });
    setIndex(nearest);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: total - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    go(next);
  }

  return (
    <Stack gap="xs" role="region" aria-roledescription="carousel" aria-label={t('shop.split.cards.label')} data-testid="split-cards">
      <div
        ref={track}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
        data-testid="split-cards-track"
        style={{
          position: 'relative',
          display: 'flex',
          gap: GAP,
          overflowX: 'auto',
          scrollSnapType: 'x mandatory',
          scrollPaddingInline: GAP,
          padding: `4px ${GAP}px 12px`,
          overscrollBehaviorX: 'contain',
          scrollbarWidth: 'thin',
          outlineOffset: 2,
        }}
      >
        {codes.map((code, i) => (
          <SplitCard key={code.code} code={code} index={i} total={total} near={Math.abs(i - index) <= 2} />
        ))}
      </div>
      <Group justify="center" gap="md">
        <ActionIcon variant="default" size="lg" radius="xl" onClick={() => go(index - 1)} disabled={index === 0} aria-label={t('shop.split.cards.prev')} data-testid="split-prev">
          <ChevronLeftIcon />
        </ActionIcon>
        <Text size="sm" fw={600} aria-live="polite" data-testid="split-position" style={{ fontVariantNumeric: 'tabular-nums', minWidth: 56, textAlign: 'center' }}>
          {index + 1} / {total}
        </Text>
        <ActionIcon variant="default" size="lg" radius="xl" onClick={() => go(index + 1)} disabled={index >= total - 1} aria-label={t('shop.split.cards.next')} data-testid="split-next">
          <ChevronRightIcon />
        </ActionIcon>
      </Group>
    </Stack>
  );
}
