import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { Role } from '../../common/auth/permissions.js';
import { sha256 } from '../../common/auth/tokens.js';
import type { Context } from '../../common/context.js';
import { emSql, poolSql, statement, type Sql } from '../../common/db/sql.js';
import { hasErrors } from '../../common/graphql/user-error.js';
import { audit, type AuditActorRef } from './audit.js';

/*
 * B5: which mutations are privileged actions, and how each one's object is read before and after it.
 *
 * The services stay as they are: each audited mutation's resolver is wrapped once (like the mutation
 * transactions, see transaction.middleware.ts) and the wrapper runs INSIDE the mutation's transaction: it
 * reads the object's recorded fields, lets the mutation run, reads them again and appends the event through
 * the same entity manager, so the event commits or rolls back with the change (a refusal, with typed errors,
 * records nothing). What the loaders read is a chosen set of fields: never a password or key hash, a secret,
 * a token or a signature (and `redact` masks any field named like one, should a loader ever select it).
 * A failed staff sign-in is the one event written outside the transaction (it rolls back), on the pool.
 * A redemption reversal is audited by its own service (the same `audit()`), with the books it corrected.
 */

type Snapshot = Record<string, unknown>;
type Loader = (sql: Sql, id: string) => Promise<Snapshot | null>;
// The GraphQL arguments and payloads are the resolvers' own; the wrapper reads a few fields of them.
type Input = Record<string, any>;
type Payload = Record<string, any>;

function loader(name: string, text: string): Loader {
  const s = statement(`audit-load-${name}`, text);
  return async (sql, id) => (await sql<{ o: Snapshot | null }>(s, [id]))[0]?.o ?? null;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Only rows whose id is a uuid are looked up (the column's type); anything else reads as absent. */
const byUuid =
  (load: Loader): Loader =>
  (sql, id) =>
    isUuid(id) ? load(sql, id) : Promise.resolve(null);

export const LOADERS = {
  staff: byUuid(
    loader(
      'staff',
      `select jsonb_build_object('email', email, 'name', name, 'role', role, 'permissions', to_jsonb(admin_permissions), 'disabledAt', disabled_at, 'isOwner', is_owner) as o
         from app_user where id = $1::uuid and role in ('ADMIN', 'TICKET_CLERK')`,
    ),
  ),
  apiKey: byUuid(
    loader('api-key', `select jsonb_build_object('name', name, 'prefix', prefix, 'scopes', to_jsonb(scopes), 'createdAt', created_at, 'revokedAt', revoked_at) as o from api_key where id = $1::uuid`),
  ),
  settings: loader(
    'settings',
    `select jsonb_build_object('registrationEmailRequired', registration_email_required, 'autoCloseDays', auto_close_days, 'ticketFeeBasisPoints', ticket_fee_basis_points) as o
       from store_settings where id::text = $1`,
  ),
  product: byUuid(
    loader(
      'product',
      `select jsonb_build_object('kind', p.kind, 'title', p.title, 'description', p.description, 'terms', p.terms, 'images', to_jsonb(p.images), 'status', p.status,
              'validFrom', p.valid_from, 'validUntil', p.valid_until, 'shippingFee', p.shipping_fee, 'freeShippingThreshold', p.free_shipping_threshold,
              'offlineRedemption', p.offline_redemption, 'offlineWindowHours', p.offline_window_hours,
              'variants', coalesce((select jsonb_agg(jsonb_build_object('id', v.id, 'name', v.name, 'price', v.price, 'stock', v.stock, 'saleStartsAt', v.sale_starts_at,
                                                                'saleEndsAt', v.sale_ends_at, 'archived', v.archived) order by v.position, v.id)
                                      from variant v where v.product_id = p.id), '[]'::jsonb)) as o
         from product p where p.id = $1::uuid`,
    ),
  ),
  purchaseLimitGroup: byUuid(
    loader(
      'purchase-limit-group',
      `select jsonb_build_object('name', g.name, 'maxQuantity', g.max_quantity,
              'variantIds', coalesce((select jsonb_agg(x.variant_id order by x.variant_id) from purchase_limit_group_variant x where x.purchase_limit_group_id = g.id), '[]'::jsonb)) as o
         from purchase_limit_group g where g.id = $1::uuid`,
    ),
  ),
  mixMatchDiscount: byUuid(
    loader(
      'mix-match-discount',
      `select jsonb_build_object('name', d.name, 'requiredQuantity', d.required_quantity, 'fixedPrice', d.fixed_price, 'percentOff', d.percent_off, 'active', d.active,
              'variantIds', coalesce((select jsonb_agg(x.variant_id order by x.variant_id) from mix_match_discount_variant x where x.mix_match_discount_id = d.id), '[]'::jsonb)) as o
         from mix_match_discount d where d.id = $1::uuid`,
    ),
  ),
  order: byUuid(
    loader(
      'order',
      `select jsonb_build_object('number', o.number, 'status', o.status, 'total', o.total, 'cancelledAt', o.cancelled_at, 'closedAt', o.closed_at,
              'refund', (select jsonb_build_object('id', r.id, 'kind', r.kind, 'amount', r.amount, 'feeRefund', r.fee_refund, 'reason', r.reason,
                                'codes', coalesce((select jsonb_agg(jsonb_build_object('code', c.code, 'quantity', rc.quantity, 'amount', rc.amount) order by c.code)
                                                     from refund_code rc join ticket_code c on c.id = rc.ticket_code_id where rc.refund_id = r.id), '[]'::jsonb))
                           from refund r where r.order_id = o.id order by r.created_at limit 1)) as o
         from customer_order o where o.id = $1::uuid`,
    ),
  ),
  referrer: byUuid(loader('referrer', `select jsonb_build_object('name', name, 'code', code, 'commissionBasisPoints', commission_basis_points) as o from referrer where id = $1::uuid`)),
  webhookEndpoint: byUuid(
    loader(
      'webhook-endpoint',
      `select jsonb_build_object('url', url, 'description', description, 'events', to_jsonb(events), 'enabled', enabled, 'disabledReason', disabled_reason,
              'disabledAt', disabled_at, 'rotationGraceUntil', previous_secret_expires_at) as o
         from webhook_endpoint where id = $1::uuid`,
    ),
  ),
  webhookDelivery: byUuid(
    loader(
      'webhook-delivery',
      `select jsonb_build_object('endpointId', endpoint_id, 'eventId', event_id, 'status', status, 'attempts', attempts, 'nextAttemptAt', next_attempt_at) as o
         from webhook_delivery where id = $1::uuid`,
    ),
  ),
  offlineSnapshot: byUuid(
    loader(
      'offline-snapshot',
      `select jsonb_build_object('productId', product_id, 'deviceId', device_id, 'entryCount', entry_count, 'issuedAt', issued_at, 'expiresAt', expires_at) as o
         from offline_snapshot where id = $1::uuid`,
    ),
  ),
  offlineConflict: byUuid(
    loader(
      'offline-conflict',
      `select jsonb_build_object('code', code, 'resolvedAt', resolved_at, 'resolvedBy', resolved_by_name, 'resolution', resolution, 'note', note) as o
         from offline_conflict where id = $1::uuid`,
    ),
  ),
} satisfies Record<string, Loader>;

/** How one mutation is audited. */
export interface AuditSpec {
  action: string;
  objectType: string;
  load: Loader;
  /** The object's id, from the input (changes to an existing object: read before and after) ... */
  idFromInput?: (input: Input) => string | null | undefined;
  /** ... or from the payload (creations: read after only). */
  idFromPayload?: (payload: Payload) => string | null | undefined;
  /** What the after-state alone can't say (a copy's original). */
  extra?: (input: Input) => Snapshot;
}

const byInput = (field: string) => (input: Input) => input?.[field] as string | undefined;

/** Every audited mutation but the sign-in and the redemption reversal (they audit themselves, see below and redemption-reversal.service.ts). */
export const AUDITED_MUTATIONS: Record<string, AuditSpec> = {
  staffCreate: { action: 'staff.create', objectType: 'staff', load: LOADERS.staff, idFromPayload: (p) => p.staff?.id },
  staffUpdatePermissions: { action: 'staff.permissions.update', objectType: 'staff', load: LOADERS.staff, idFromInput: byInput('staffId') },
  staffDisable: { action: 'staff.disable', objectType: 'staff', load: LOADERS.staff, idFromInput: byInput('staffId') },
  staffEnable: { action: 'staff.enable', objectType: 'staff', load: LOADERS.staff, idFromInput: byInput('staffId') },
  apiKeyCreate: { action: 'api_key.create', objectType: 'api_key', load: LOADERS.apiKey, idFromPayload: (p) => p.apiKey?.id },
  apiKeyUpdate: { action: 'api_key.update', objectType: 'api_key', load: LOADERS.apiKey, idFromInput: byInput('id') },
  apiKeyRevoke: { action: 'api_key.revoke', objectType: 'api_key', load: LOADERS.apiKey, idFromInput: byInput('apiKeyId') },
  settingsUpdate: { action: 'settings.update', objectType: 'settings', load: LOADERS.settings, idFromInput: () => '1' },
  productCreate: { action: 'product.create', objectType: 'product', load: LOADERS.product, idFromPayload: (p) => p.product?.id },
  productUpdate: { action: 'product.update', objectType: 'product', load: LOADERS.product, idFromInput: byInput('id') },
  productArchive: { action: 'product.archive', objectType: 'product', load: LOADERS.product, idFromInput: byInput('id') },
  productDuplicate: { action: 'product.duplicate', objectType: 'product', load: LOADERS.product, idFromPayload: (p) => p.product?.id, extra: (i) => ({ duplicatedFrom: i.id ?? null }) },
  productOfflineSettingsUpdate: { action: 'product.offline_settings.update', objectType: 'product', load: LOADERS.product, idFromInput: byInput('productId') },
  purchaseLimitGroupCreate: { action: 'purchase_limit_group.create', objectType: 'purchase_limit_group', load: LOADERS.purchaseLimitGroup, idFromPayload: (p) => p.purchaseLimitGroup?.id },
  purchaseLimitGroupUpdate: { action: 'purchase_limit_group.update', objectType: 'purchase_limit_group', load: LOADERS.purchaseLimitGroup, idFromInput: byInput('id') },
  purchaseLimitGroupDelete: { action: 'purchase_limit_group.delete', objectType: 'purchase_limit_group', load: LOADERS.purchaseLimitGroup, idFromInput: byInput('id') },
  mixMatchDiscountCreate: { action: 'mix_match_discount.create', objectType: 'mix_match_discount', load: LOADERS.mixMatchDiscount, idFromPayload: (p) => p.mixMatchDiscount?.id },
  mixMatchDiscountUpdate: { action: 'mix_match_discount.update', objectType: 'mix_match_discount', load: LOADERS.mixMatchDiscount, idFromInput: byInput('id') },
  mixMatchDiscountDelete: { action: 'mix_match_discount.delete', objectType: 'mix_match_discount', load: LOADERS.mixMatchDiscount, idFromInput: byInput('id') },
  orderCancel: { action: 'order.cancel', objectType: 'order', load: LOADERS.order, idFromInput: byInput('orderId') },
  orderMarkReturning: { action: 'order.mark_returning', objectType: 'order', load: LOADERS.order, idFromInput: byInput('orderId') },
  orderMarkReturnReview: { action: 'order.mark_return_review', objectType: 'order', load: LOADERS.order, idFromInput: byInput('orderId') },
  orderRefund: { action: 'order.refund', objectType: 'order', load: LOADERS.order, idFromInput: byInput('orderId') },
  referrerCreate: { action: 'referrer.create', objectType: 'referrer', load: LOADERS.referrer, idFromPayload: (p) => p.referrer?.id },
  webhookEndpointCreate: { action: 'webhook_endpoint.create', objectType: 'webhook_endpoint', load: LOADERS.webhookEndpoint, idFromPayload: (p) => p.endpoint?.id },
  webhookEndpointUpdate: { action: 'webhook_endpoint.update', objectType: 'webhook_endpoint', load: LOADERS.webhookEndpoint, idFromInput: byInput('id') },
  webhookEndpointDelete: { action: 'webhook_endpoint.delete', objectType: 'webhook_endpoint', load: LOADERS.webhookEndpoint, idFromInput: byInput('id') },
  webhookDeliveryRetry: { action: 'webhook_delivery.retry', objectType: 'webhook_delivery', load: LOADERS.webhookDelivery, idFromInput: byInput('deliveryId') },
  offlineSnapshotCreate: { action: 'offline_snapshot.create', objectType: 'offline_snapshot', load: LOADERS.offlineSnapshot, idFromPayload: (p) => p.snapshot?.id },
  offlineConflictResolve: { action: 'offline_conflict.resolve', objectType: 'offline_conflict', load: LOADERS.offlineConflict, idFromInput: byInput('id') },
};

/** Mutations that audit themselves. */
export const SELF_AUDITED_MUTATIONS = ['authLogin', 'passwordResetComplete', 'ticketCodeRedemptionReverse'] as const;

/** The actions besides AUDITED_MUTATIONS': staff sign-ins and password resets, and redemption reversals. */
export const AUDIT_ACTIONS = {
  signIn: 'staff.sign_in',
  signInFailed: 'staff.sign_in.failed',
  passwordReset: 'staff.password.reset',
  redemptionReverse: 'ticket_code.redemption.reverse',
} as const;

const STAFF_ROLES: readonly string[] = [Role.ADMIN, Role.TICKET_CLERK];

function audited(spec: AuditSpec, resolve: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> {
  return async (source, args, ctx, info) => {
    const input = (args as { input?: Input }).input ?? {};
    const sql = () => emSql(ctx.em);
    const knownId = spec.idFromInput?.(input) ?? null;
    const before = knownId ? await spec.load(sql(), knownId) : null;
    const result = (await resolve(source, args, ctx, info)) as Payload;
    if (hasErrors(result)) return result;
    const id = knownId ?? spec.idFromPayload?.(result) ?? null;
    if (!id) return result;
    const loaded = await spec.load(sql(), id);
    const after = spec.extra && loaded ? { ...loaded, ...spec.extra(input) } : loaded;
    await audit(ctx, { action: spec.action, object: { type: spec.objectType, id }, before, after });
    return result;
  };
}

const ACCOUNT_BY_SIGN_IN = statement(
  'audit-account-by-sign-in',
  `select id, name, role from app_user where email = $1 or (email is null and phone = $2) order by (disabled_at is null) desc, created_at limit 1`,
);

/** B5: staff sign-ins (in the transaction that opens the session) and failed sign-ins to a staff account or app (on the pool: the request rolls back). Not shoppers'. */
function signInAudited(resolve: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> {
  return async (source, args, ctx, info) => {
    const input = ((args as { input?: Input }).input ?? {}) as { email?: string; app?: string | null };
    const result = (await resolve(source, args, ctx, info)) as Payload;
    const app = input.app ?? null;
    if (!hasErrors(result)) {
      const viewer = result.viewer as { id: string; name: string; role: string } | undefined;
      if (!viewer || !STAFF_ROLES.includes(viewer.role)) return result;
      const actor: AuditActorRef = { type: 'USER', id: viewer.id, name: viewer.name };
      await audit(ctx, { action: AUDIT_ACTIONS.signIn, object: { type: 'staff', id: viewer.id }, actor, after: { app, role: viewer.role } });
      return result;
    }
    const identifier = String(input.email ?? '').trim().toLowerCase().slice(0, 100);
    const pool = poolSql(ctx.services.audit.sqlPool);
    const [account] = identifier ? await pool<{ id: string; name: string; role: string }>(ACCOUNT_BY_SIGN_IN, [identifier, identifier.replace(/[\s-]/g, '')]) : [];
    const staff = !!account && STAFF_ROLES.includes(account.role);
    if (!staff && app !== 'ADMIN' && app !== 'CLERK') return result;
    const reason = (result.errors as { code: string }[])[0]?.code ?? null;
    const actor: AuditActorRef = account ? { type: 'USER', id: account.id, name: account.name } : { type: 'ANONYMOUS', id: null, name: identifier };
    await audit(ctx, { action: AUDIT_ACTIONS.signInFailed, object: { type: staff ? 'staff' : 'account', id: account?.id ?? null }, actor, after: { app, reason, identifier } }, pool);
    return result;
  };
}

const RESET_ACCOUNT = statement(
  'audit-password-reset-account',
  `select u.id, u.name, u.role from password_reset r join app_user u on u.id = r.user_id where r.token_hash = $1`,
);

/** B5/B9: a staff account's password set through a reset link (the caller is anonymous: the actor is the account). */
function passwordResetAudited(resolve: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> {
  return async (source, args, ctx, info) => {
    const token = String(((args as { input?: Input }).input ?? {}).token ?? '');
    const result = (await resolve(source, args, ctx, info)) as Payload;
    if (hasErrors(result) || !token) return result;
    const [account] = await emSql(ctx.em)<{ id: string; name: string; role: string }>(RESET_ACCOUNT, [sha256(token)]);
    if (!account || !STAFF_ROLES.includes(account.role)) return result;
    const actor: AuditActorRef = { type: 'USER', id: account.id, name: account.name };
    await audit(ctx, { action: AUDIT_ACTIONS.passwordReset, object: { type: 'staff', id: account.id }, actor, after: { otherSessionsEnded: true } });
    return result;
  };
}

/**
 * Wraps the audited mutations' resolvers. Apply before `withMutationTransactions`, so that the transaction
 * wraps the audit (the event is written in the mutation's transaction).
 */
export function withAuditTrail(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    if (!field.resolve) continue;
    const spec = AUDITED_MUTATIONS[field.name];
    if (spec) field.resolve = audited(spec, field.resolve);
    else if (field.name === 'authLogin') field.resolve = signInAudited(field.resolve);
    else if (field.name === 'passwordResetComplete') field.resolve = passwordResetAudited(field.resolve);
  }
  return schema;
}
