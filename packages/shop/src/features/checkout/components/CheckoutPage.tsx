import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Checkbox, Grid, Group, List, Loader, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormError, formatMoney, useSession } from '@ticket/ui';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CheckoutCompleteErrorCode, PaymentMethod } from '../../../gql/graphql';
import { CartDiscountsDocument, cartTotals, rememberAwaitingPayment, useCarts, type CartKind, type CartLine } from '../../../shared/cart';
import { CartSummary } from '../../../shared/cart/CartSummary';
import { NotFound } from '../../../shared/components/NotFound';
import { TermsBox } from '../../../shared/components/TermsBox';
import { forgetReferral, rememberedReferral } from '../../../shared/referral';
import { CheckoutCompleteDocument, CheckoutViewerDocument, PaymentConfigDocument } from '../api/checkout';
import { useCartProducts, type CheckoutProduct } from '../api/useCartProducts';
import { attemptInput, keyAfterRefusals, newIdempotencyKey } from '../attempt';
import { tokenizeCard, type CardError, type CardField } from '../card-tokenizer';
import type { TapPayCardHandle, TapPaySettings } from '../tappay/TapPayCardFields';
import { CardForm, EMPTY_CARD, type CardValues } from './CardForm';

// B6: TapPay's hosted card fields (and the loader of its SDK) come in their own chunk, on the checkout
// step only, and only when the store's gateway is TapPay.
const TapPayCardFields = lazy(() =>
  import('../tappay/TapPayCardFields').then(
    (m) => ({ default: m.TapPayCardFields }),
    // The chunk could not be fetched (offline, or a new deployment replaced it): say so, offer a reload.
    () => ({ default: TapPayUnavailable }),
  ),
);

function TapPayUnavailable() {
  const { t } = useTranslation();
  return (
    <Alert color="red" p="xs" role="alert" data-testid="tappay-load-error">
      <Group justify="space-between">
        <Text size="sm">{t('shop.card.tappay.loadError')}</Text>
        <Button size="xs" variant="light" color="red" onClick={() => window.location.reload()}>
          {t('shop.retry')}
        </Button>
      </Group>
    </Alert>
  );
}

const KINDS: Record<string, CartKind> = { ticket: 'TICKET', goods: 'GOODS' };
const isTapPay = (gateway: string) => gateway === 'tappay';
const RECIPIENT_KEY = 'ticket.shop.recipientPhone';

interface ServerError {
  code: CheckoutCompleteErrorCode;
  message: string;
}

type LineIssue = 'unavailable' | 'soldOut' | 'notEnough' | null;

/** A cart line at today's price, and whether it can still be bought (the server decides at checkout). */
function currentLine(line: CartLine, product: CheckoutProduct | null | undefined): CartLine & { issue: LineIssue } {
  if (product === undefined) return { ...line, issue: null };
  const variant = product?.status === 'ACTIVE' ? product.variants.find((v) => v.id === line.variantId) : undefined;
  if (!product || !variant) return { ...line, issue: 'unavailable' };
  const issue: LineIssue = variant.stockAvailable == null ? null : variant.stockAvailable <= 0 ? 'soldOut' : variant.stockAvailable < line.quantity ? 'notEnough' : null;
  return { ...line, unitPrice: variant.price, shippingFee: product.shippingFee, freeShippingThreshold: product.freeShippingThreshold ?? null, issue };
}

/** P3: the bank's 3-D Secure page, as the server gave it; only a web address is followed. */
function bankUrl(url: string): string | null {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** P3: shown while the browser goes to the bank's 3-D Secure page. */
function RedirectingToBank({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl" role="status" aria-live="polite" data-testid="checkout-redirecting">
      <Stack align="center" gap="sm" ta="center">
        <Loader />
        <Title order={1} size="h3">
          {t('shop.checkout.redirecting')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('shop.checkout.redirectingHint')}
        </Text>
        <Anchor href={url} size="sm" data-testid="checkout-redirect-link">
          {t('shop.checkout.redirectingLink')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

function storedPhone(): string {
  try {
    return localStorage.getItem(RECIPIENT_KEY) ?? '';
  } catch {
    return '';
  }
}

/** `/checkout/ticket` and `/checkout/goods`: one cart, paid on its own (K1-K7, P1-P2). */
export function CheckoutPage() {
  const { kind: slug = '' } = useParams();
  const kind = KINDS[slug];
  if (!kind) return <NotFound />;
  return <Checkout key={kind} kind={kind} />;
}

function Checkout({ kind }: { kind: CartKind }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { viewer } = useSession();
  const { carts, clear } = useCarts();
  const lines = carts[kind];
  const isTicket = kind === 'TICKET';
  const { products, loading: productsLoading, failed, retry } = useCartProducts(lines.map((l) => l.productId));
  const discounts = useQuery(CartDiscountsDocument);
  const [checkout] = useMutation(CheckoutCompleteDocument);

  const [recipientName, setRecipientName] = useState(viewer?.name ?? '');
  // K7: the account's phone; the phone used last time only when the account has none.
  const [recipientPhone, setRecipientPhone] = useState(storedPhone);
  const phoneEdited = useRef(false);
  const accountPhone = useQuery(CheckoutViewerDocument).data?.viewer?.phone;
  useEffect(() => {
    if (accountPhone && !phoneEdited.current) setRecipientPhone(accountPhone);
  }, [accountPhone]);
  const [referralCode, setReferralCode] = useState(rememberedReferral);
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [method, setMethod] = useState<PaymentMethod>('CREDIT_CARD');
  const [card, setCard] = useState<CardValues>(EMPTY_CARD);
  const [cardErrors, setCardErrors] = useState<Partial<Record<CardField, CardError>>>({});
  const [missing, setMissing] = useState<{ name?: boolean; phone?: boolean }>({});
  const [serverErrors, setServerErrors] = useState<ServerError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [paying, setPaying] = useState(false);
  const [redirecting, setRedirecting] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  // B6: the card gateway decides the card form: the simulator's test form, or TapPay's hosted fields.
  const paymentConfig = useQuery(PaymentConfigDocument);
  const gateway = paymentConfig.data?.paymentConfig;
  const tappay = useMemo<TapPaySettings | null>(
    () =>
      gateway?.gateway === 'tappay' && gateway.tappayAppId != null && gateway.tappayAppKey
        ? { appId: gateway.tappayAppId, appKey: gateway.tappayAppKey, serverType: gateway.tappayServerType === 'production' ? 'production' : 'sandbox' }
        : null,
    [gateway],
  );
  const tappayFields = useRef<TapPayCardHandle>(null);
  const [primeError, setPrimeError] = useState<string | null>(null);

  // P2: one key per attempt. A changed cart is a new attempt; PAYMENT_ERROR and network failures keep it.
  const signature = lines.map((l) => `${l.variantId}x${l.quantity}`).join(',');
  const attemptKey = useRef(newIdempotencyKey());
  // B8: the input last sent with `attemptKey`; the server refuses the key for any other input.
  const sentWithKey = useRef<{ key: string; input: string } | null>(null);
  const keySignature = useRef(signature);
  if (keySignature.current !== signature) {
    keySignature.current = signature;
    attemptKey.current = newIdempotencyKey();
  }

  const current = useMemo(() => lines.map((l) => currentLine(l, products.get(l.productId))), [lines, products]);
  const totals = cartTotals(kind, current, (discounts.data?.mixMatchDiscounts ?? []).filter((d) => d.active));
  const ticketProducts = [...new Map(current.map((l) => [l.productId, products.get(l.productId)])).values()].filter((p): p is CheckoutProduct => !!p);

  useEffect(() => {
    if (serverErrors.length || failure) errorRef.current?.scrollIntoView({ block: 'center' });
  }, [serverErrors, failure]);

  // The cart is emptied as the browser leaves for the bank: this stays until the page is gone.
  if (redirecting) return <RedirectingToBank url={redirecting} />;
  if (lines.length === 0) {
    return <NotFound title={t('shop.checkout.empty')} backTo="/cart" backLabel={t('shop.checkout.backToCart')} />;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (paying) return;
    setFailure(null);
    const nowMissing = { name: !recipientName.trim(), phone: !recipientPhone.trim() };
    setMissing(nowMissing);

    // The card becomes a token in the browser (the simulator's test tokenizer, or TapPay's prime); the
    // number never reaches our server.
    let cardToken: string | null = null;
    const payWithTapPay = method === 'CREDIT_CARD' && !!gateway && isTapPay(gateway.gateway);
    if (method === 'CREDIT_CARD') {
      if (!gateway) return; // the card form is not shown until the gateway is known
      setPrimeError(null);
      if (payWithTapPay) {
        if (!tappayFields.current?.check()) return;
      } else {
        const tokenized = tokenizeCard({ number: card.cardNumber, expiry: card.cardExpiry, cvc: card.cardCvc, name: card.cardName });
        if (!tokenized.ok) {
          setCardErrors(tokenized.errors);
          return;
        }
        setCardErrors({});
        cardToken = tokenized.token;
      }
    }
    if (nowMissing.name || nowMissing.phone) return;

    setPaying(true);
    setServerErrors([]);
    try {
      if (payWithTapPay) {
        // A prime is good for one payment: a new one for every try (the idempotency key ignores it).
        const prime = await tappayFields.current!.getPrime();
        if (!prime.ok) {
          setPrimeError(prime.message ? t('shop.card.tappay.primeFailedWith', { message: prime.message }) : t('shop.card.tappay.primeFailed'));
          setPaying(false);
          return;
        }
        cardToken = prime.prime;
      }
      const input = {
        lines: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
        acceptTicketTerms: isTicket ? acceptTerms : null,
        recipient: { name: recipientName.trim(), phone: recipientPhone.trim() },
        payment: { method, installments: method === 'CREDIT_CARD' ? 1 : null, cardToken },
        referralCode: referralCode.trim() || null,
      };
      // The same input again is a retry (same key: never charged twice); a changed one is a new attempt.
      const sent = attemptInput(input);
      if (sentWithKey.current?.key === attemptKey.current && sentWithKey.current.input !== sent) attemptKey.current = newIdempotencyKey();
      sentWithKey.current = { key: attemptKey.current, input: sent };
      const { data } = await checkout({ variables: { input: { ...input, idempotencyKey: attemptKey.current } } });
      const result = data?.checkoutComplete;
      if (!result) throw new Error('no payload');
      if (result.errors.length > 0) {
        setServerErrors(result.errors);
        if (keyAfterRefusals(result.errors.map((e) => e.code)) === 'renew') attemptKey.current = newIdempotencyKey();
        setPaying(false);
        return;
      }
      const redirectUrl = result.order && result.nextAction ? bankUrl(result.nextAction.redirectUrl) : null;
      if (result.order && redirectUrl) {
        // P3: the bank asks the shopper to confirm (3-D Secure). The order holds the stock meanwhile; its
        // lines are kept aside to go back in the cart if this payment fails.
        rememberAwaitingPayment(result.order.id, kind, lines);
        setRedirecting(redirectUrl);
        clear(kind);
        forgetReferral();
        window.location.assign(redirectUrl);
        return;
      }
      if (result.order) {
        try {
          localStorage.setItem(RECIPIENT_KEY, recipientPhone.trim());
        } catch {
          // not remembered: fine
        }
        clear(kind);
        forgetReferral();
        navigate(`/account/orders/${result.order.id}`, { state: { placed: method } });
      }
    } catch {
      // Maybe the server got it, maybe not: the same key makes the retry safe (P2).
      setFailure(t('common.networkError'));
      setPaying(false);
    }
  }

  const issues = current.filter((l) => l.issue);
  const gatewayError = serverErrors.some((e) => e.code === 'PAYMENT_ERROR');
  const keyReused = serverErrors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED');

  return (
    <form onSubmit={submit} noValidate aria-busy={paying}>
      <Stack gap="md">
        <Title order={1} size="h2">
          {t(`shop.checkout.title.${kind}`)}
        </Title>
        <div ref={errorRef}>
          <FormError>
            {(failure || serverErrors.length > 0) && (
              <Stack gap={4}>
                {failure && <Text size="sm">{failure}</Text>}
                {serverErrors.length === 1 && <Text size="sm">{serverErrors[0]!.message}</Text>}
                {serverErrors.length > 1 && (
                  <List size="sm">
                    {serverErrors.map((e) => (
                      <List.Item key={e.code}>{e.message}</List.Item>
                    ))}
                  </List>
                )}
                {gatewayError && <Text size="sm">{t('shop.checkout.retryHint')}</Text>}
                {keyReused && <Text size="sm">{t('shop.checkout.changedHint')}</Text>}
                {failure && <Text size="sm">{t('shop.checkout.networkRetryHint')}</Text>}
              </Stack>
            )}
          </FormError>
        </div>

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <fieldset disabled={paying} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                <Stack gap="md">
                  <Paper withBorder p="md" component="section" aria-labelledby="recipient-title">
                    <Stack gap="sm">
                      <Title order={2} size="h4" id="recipient-title">
                        {t('shop.checkout.recipientTitle')}
                      </Title>
                      <TextInput
                        name="recipientName"
                        label={t('shop.checkout.recipientName')}
                        autoComplete="name"
                        value={recipientName}
                        onChange={(e) => setRecipientName(e.currentTarget.value)}
                        error={missing.name && t('common.required')}
                        withAsterisk
                      />
                      <TextInput
                        name="recipientPhone"
                        type="tel"
                        label={t('shop.checkout.recipientPhone')}
                        description={isTicket ? t('shop.checkout.phoneHint') : undefined}
                        autoComplete="tel"
                        inputMode="tel"
                        value={recipientPhone}
                        onChange={(e) => {
                          phoneEdited.current = true;
                          setRecipientPhone(e.currentTarget.value);
                        }}
                        error={missing.phone && t('common.required')}
                        withAsterisk
                      />
                      <TextInput
                        name="referralCode"
                        label={t('shop.checkout.referralCode')}
                        description={t('shop.checkout.referralHint')}
                        value={referralCode}
                        onChange={(e) => setReferralCode(e.currentTarget.value)}
                        autoComplete="off"
                        error={serverErrors.some((e) => e.code === 'REFERRAL_CODE_UNKNOWN') || undefined}
                      />
                      {isTicket && viewer && !viewer.email && (
                        <Alert color="yellow" p="xs">
                          <Text size="sm">{t('shop.checkout.emailNeeded')}</Text>
                        </Alert>
                      )}
                    </Stack>
                  </Paper>

                  {isTicket && (
                    <Paper withBorder p="md" component="section" aria-labelledby="terms-title">
                      <Stack gap="sm">
                        <Title order={2} size="h4" id="terms-title">
                          {t('shop.checkout.termsTitle')}
                        </Title>
                        {productsLoading && <Loader size="sm" aria-label={t('common.loading')} />}
                        {ticketProducts.map((p) => (
                          <TermsBox key={p.id} title={p.title} terms={p.terms} maxHeight={180} />
                        ))}
                        <Checkbox
                          name="acceptTicketTerms"
                          label={t('shop.checkout.acceptTerms')}
                          checked={acceptTerms}
                          onChange={(e) => setAcceptTerms(e.currentTarget.checked)}
                          error={!acceptTerms && serverErrors.some((e) => e.code === 'TERMS_NOT_ACCEPTED')}
                          size="md"
                        />
                      </Stack>
                    </Paper>
                  )}

                  <Paper withBorder p="md" component="section" aria-labelledby="payment-title">
                    <Stack gap="sm">
                      <Title order={2} size="h4" id="payment-title">
                        {t('shop.checkout.paymentTitle')}
                      </Title>
                      {isTicket ? (
                        <Stack gap={2} data-testid="payment-ticket">
                          <Text fw={600}>{t('shop.checkout.creditCardOnce')}</Text>
                          <Text size="sm" c="dimmed">
                            {t('shop.checkout.ticketPaymentNote')}
                          </Text>
                        </Stack>
                      ) : (
                        <Radio.Group name="paymentMethod" value={method} onChange={(v) => setMethod(v as PaymentMethod)} label={t('shop.checkout.paymentMethod')}>
                          <Stack gap="xs" mt="xs">
                            <Radio value="CREDIT_CARD" label={t('shop.payment.CREDIT_CARD')} />
                            <Radio value="CASH_ON_DELIVERY" label={t('shop.payment.CASH_ON_DELIVERY')} />
                          </Stack>
                        </Radio.Group>
                      )}
                      {method === 'CREDIT_CARD' && !gateway && (
                        <Stack gap="xs" data-testid="payment-config">
                          {paymentConfig.error ? (
                            <Alert color="yellow" p="xs">
                              <Group justify="space-between">
                                <Text size="sm">{t('shop.card.configError')}</Text>
                                <Button size="xs" variant="light" onClick={() => void paymentConfig.refetch()}>
                                  {t('shop.retry')}
                                </Button>
                              </Group>
                            </Alert>
                          ) : (
                            <Group gap="xs" role="status">
                              <Loader size="xs" />
                              <Text size="sm">{t('shop.card.configLoading')}</Text>
                            </Group>
                          )}
                        </Stack>
                      )}
                      {method === 'CREDIT_CARD' && gateway && !isTapPay(gateway.gateway) && (
                        <CardForm
                          values={card}
                          errors={cardErrors}
                          onChange={(values, changed) => {
                            setCard(values);
                            if (cardErrors[changed]) setCardErrors({ ...cardErrors, [changed]: undefined });
                          }}
                        />
                      )}
                      {method === 'CREDIT_CARD' &&
                        gateway &&
                        isTapPay(gateway.gateway) &&
                        (tappay ? (
                          <Suspense
                            fallback={
                              <Group gap="xs" role="status">
                                <Loader size="xs" />
                                <Text size="sm">{t('shop.card.tappay.loading')}</Text>
                              </Group>
                            }
                          >
                            <TapPayCardFields ref={tappayFields} settings={tappay} error={primeError} />
                          </Suspense>
                        ) : (
                          <Alert color="yellow" p="xs">
                            <Text size="sm">{t('shop.card.configError')}</Text>
                          </Alert>
                        ))}
                    </Stack>
                  </Paper>
                </Stack>
              </fieldset>
            </Stack>
          </Grid.Col>

          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="summary-title" style={{ position: 'sticky', top: 76 }}>
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} size="h4" id="summary-title">
                    {t('shop.checkout.summary')}
                  </Title>
                  <Anchor component={Link} to="/cart" size="sm">
                    {t('shop.checkout.editCart')}
                  </Anchor>
                </Group>
                {failed && (
                  <Alert color="yellow" p="xs">
                    <Group justify="space-between">
                      <Text size="sm">{t('shop.checkout.productsLoadError')}</Text>
                      <Button size="xs" variant="light" onClick={retry}>
                        {t('shop.retry')}
                      </Button>
                    </Group>
                  </Alert>
                )}
                <Stack gap={6}>
                  {current.map((l) => (
                    <Group key={l.variantId} justify="space-between" wrap="nowrap" align="flex-start" data-testid="checkout-line">
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text size="sm" fw={600} lineClamp={2}>
                          {l.productTitle}
                        </Text>
                        <Text size="sm" c="dimmed">
                          {l.variantName} × {l.quantity}
                        </Text>
                        {l.issue && (
                          <Text size="xs" c="red.8">
                            {t(`shop.checkout.issue.${l.issue}`)}
                          </Text>
                        )}
                      </Stack>
                      <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                        {formatMoney(l.unitPrice * l.quantity)}
                      </Text>
                    </Group>
                  ))}
                </Stack>
                {issues.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('shop.checkout.issueHint')}
                  </Text>
                )}
                <CartSummary kind={kind} totals={totals} />
                {totals.discount > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('shop.checkout.estimateNote')}
                  </Text>
                )}
                <Button type="submit" size="lg" fullWidth loading={paying} data-testid="checkout-submit">
                  {method === 'CREDIT_CARD' ? t('shop.checkout.pay', { amount: formatMoney(totals.total) }) : t('shop.checkout.placeOrder')}
                </Button>
                {paying && (
                  <Group gap="xs" role="status" data-testid="checkout-paying">
                    <Loader size="xs" />
                    <Text size="sm">{t(method === 'CREDIT_CARD' ? 'shop.checkout.paying' : 'shop.checkout.placing')}</Text>
                  </Group>
                )}
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}
