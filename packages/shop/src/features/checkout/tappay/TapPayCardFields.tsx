import { Alert, Box, Button, Group, Input, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { loadTapPaySdk, type TapPayFieldState, type TPDirect } from './sdk';

export interface TapPaySettings {
  appId: number;
  appKey: string;
  serverType: 'sandbox' | 'production';
}

export type PrimeOutcome = { ok: true; prime: string; lastFour: string | null } | { ok: false; message: string | null };

/** What the checkout asks of the card fields when the shopper pays. */
export interface TapPayCardHandle {
  /** Marks empty or wrong fields; true when a prime can be asked for. */
  check(): boolean;
  /** TapPay's one-time prime for the card typed in its fields: the only card data our server receives. */
  getPrime(): Promise<PrimeOutcome>;
}

type Field = 'number' | 'expiry' | 'ccv';
type FieldError = 'required' | 'invalid';

/** Longest wait for TapPay's answer to getPrime. */
const PRIME_TIMEOUT_MS = 20_000;

const fieldError = (state: TapPayFieldState): FieldError | undefined => (state === 0 ? undefined : state === 1 ? 'required' : 'invalid');

/**
 * B6: the card number, expiry and CCV as TapPay's hosted fields (iframes on TapPay's domain). Loaded
 * on the checkout step only, with the SDK fetched from TapPay when this mounts.
 */
export function TapPayCardFields({ settings, error, ref }: { settings: TapPaySettings; error?: string | null; ref?: Ref<TapPayCardHandle> }) {
  const { t } = useTranslation();
  const number = useRef<HTMLDivElement>(null);
  const expiry = useRef<HTMLDivElement>(null);
  const ccv = useRef<HTMLDivElement>(null);
  const sdk = useRef<TPDirect | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [attempt, setAttempt] = useState(0);
  const [errors, setErrors] = useState<Partial<Record<Field, FieldError>>>({});

  const { appId, appKey, serverType } = settings;
  useEffect(() => {
    let active = true;
    setState('loading');
    loadTapPaySdk().then(
      (tp) => {
        if (!active) return;
        // Once per set of containers (React's strict mode runs effects twice on the same elements).
        if (sdk.current !== tp && number.current && expiry.current && ccv.current) {
          tp.setupSDK(appId, appKey, serverType);
          tp.card.setup({
            fields: {
              number: { element: number.current, placeholder: '**** **** **** ****' },
              expirationDate: { element: expiry.current, placeholder: 'MM / YY' },
              ccv: { element: ccv.current, placeholder: t('shop.card.tappay.ccvPlaceholder') },
            },
            styles: { input: { color: '#212529', 'font-size': '16px' }, '.invalid': { color: '#c92a2a' } },
          });
          // A field typed right again loses its mark; one gone wrong gets it at once.
          tp.card.onUpdate((update) => {
            setErrors((current) => {
              const next = { ...current };
              for (const field of ['number', 'expiry', 'ccv'] as const) {
                const s = update.status[field];
                if (s === 2) next[field] = 'invalid';
                else if (s === 0 || s === 3) delete next[field];
              }
              return next;
            });
          });
          sdk.current = tp;
        }
        setState('ready');
      },
      () => {
        if (active) setState('failed');
      },
    );
    return () => {
      active = false;
    };
  }, [appId, appKey, serverType, attempt, t]);

  useImperativeHandle(
    ref,
    () => ({
      check() {
        const tp = sdk.current;
        if (!tp) return false;
        const status = tp.card.getTappayFieldsStatus();
        setErrors({ number: fieldError(status.status.number), expiry: fieldError(status.status.expiry), ccv: fieldError(status.status.ccv) });
        return status.canGetPrime;
      },
      getPrime() {
        const tp = sdk.current;
        if (!tp) return Promise.resolve({ ok: false, message: null });
        return new Promise<PrimeOutcome>((resolve) => {
          const timer = setTimeout(() => resolve({ ok: false, message: null }), PRIME_TIMEOUT_MS);
          tp.card.getPrime((result) => {
            clearTimeout(timer);
            if (result.status === 0 && result.card?.prime) resolve({ ok: true, prime: result.card.prime, lastFour: result.card.lastfour ?? null });
            else resolve({ ok: false, message: result.msg ?? null });
          });
        });
      },
    }),
    [],
  );

  const box = (field: Field, target: typeof number, label: string) => (
    <Input.Wrapper label={label} labelElement="div" withAsterisk error={errors[field] ? t(`shop.card.tappay.errors.${field}.${errors[field]}`) : undefined} id={`tappay-${field}`}>
      <Box
        ref={target}
        role="group"
        aria-labelledby={`tappay-${field}-label`}
        data-testid={`tappay-${field}`}
        style={{
          height: 36,
          padding: '6px 12px',
          border: `1px solid ${errors[field] ? 'var(--mantine-color-error)' : 'var(--mantine-color-default-border)'}`,
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'var(--mantine-color-body)',
        }}
      />
    </Input.Wrapper>
  );

  return (
    <Stack gap="sm" data-testid="tappay-fields" data-state={state}>
      {state === 'loading' && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">{t('shop.card.tappay.loading')}</Text>
        </Group>
      )}
      {state === 'failed' && (
        <Alert color="red" role="alert" data-testid="tappay-load-error">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('shop.card.tappay.loadError')}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => setAttempt((a) => a + 1)}>
              {t('shop.retry')}
            </Button>
          </Stack>
        </Alert>
      )}
      {/* The containers stay in the page while loading: TapPay puts its iframes into them. */}
      <Stack gap="sm" style={state === 'failed' ? { display: 'none' } : undefined}>
        {box('number', number, t('shop.card.number'))}
        <SimpleGrid cols={2} spacing="sm">
          {box('expiry', expiry, t('shop.card.tappay.expiry'))}
          {box('ccv', ccv, t('shop.card.cvc'))}
        </SimpleGrid>
      </Stack>
      {error && (
        <Text size="sm" c="red.8" role="alert" data-testid="tappay-prime-error">
          {error}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('shop.card.tappay.secure')}
      </Text>
    </Stack>
  );
}
