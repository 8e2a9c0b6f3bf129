import fs from 'node:fs';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type GraphQLObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/common/db/database.js';
import { createSchema } from '../src/schema.js';
import { printServedSchema } from '../src/schema-printer.js';
import { startTestApi, type TestApi } from './harness.js';

/** Operations anyone may call: signing in and up, resetting a forgotten password (B9), and what an anonymous page needs to render. */
const PUBLIC_OPERATIONS = new Set(['Mutation.authLogin', 'Mutation.authLogout', 'Mutation.customerRegister', 'Mutation.passwordResetRequest', 'Mutation.passwordResetComplete', 'Query.viewer', 'Query.registrationEmailRequired', 'Query.products', 'Query.product', 'Query.mixMatchDiscounts', 'Query.paymentConfig']);

/** Object fields that carry personal, money or security data: they must be guarded by permission or ownership. */
const SENSITIVE_FIELDS = new Set([
  'User.email',
  'User.phone',
  'Order.subtotal',
  'Order.discount',
  'Order.total',
  'Order.shippingFee',
  'Order.paymentMethod',
  'Order.recipient',
  'OrderLine.unitPrice',
  'OrderLine.discountShare',
  'OrderLine.amountPaid',
]);

let api: TestApi;
let production: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  production = await startTestApi({ testClockEnabled: false });
});
afterAll(async () => {
  await api?.close();
  await production?.close();
});

describe('I2: schema.graphql is the served schema', () => {
  it('I2: the committed schema.graphql equals the schema the server builds', async () => {
    const committed = fs.readFileSync(path.join(repoRoot(), 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printServedSchema());
  });

  it('I2: the committed schema.graphql equals the schema served over HTTP (introspection)', async () => {
    const data = await production.anonymous.ok(getIntrospectionQuery({ descriptions: true }));
    const served = printSchema(lexicographicSortSchema(buildClientSchema(data))) + '\n';
    expect(served).toBe(fs.readFileSync(path.join(repoRoot(), 'schema.graphql'), 'utf8'));
  });

  it('I2: every type and every root operation has a description', async () => {
    const schema = await createSchema({ testClock: false });
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['Query', 'Mutation', 'Subscription', 'String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description && !type.name.endsWith('Payload') && !type.name.endsWith('Input')) missing.push(type.name);
    }
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.values(root!.getFields())) if (!field.description) missing.push(`${root!.name}.${field.name}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('authorization covers the whole schema', () => {
  const guarded = () => {
    const set = new Set<string>();
    for (const a of getMetadataStorage().authorizedFields) set.add(a.fieldName);
    return set;
  };

  it('every mutation, query and subscription requires authorization unless it is on the public list', async () => {
    const schema = await createSchema({ testClock: false });
    const authorized = guarded();
    const unguarded: string[] = [];
    for (const root of [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!]) {
      for (const name of Object.keys(root.getFields())) {
        const key = `${root.name}.${name}`;
        if (!PUBLIC_OPERATIONS.has(key) && !authorized.has(name)) unguarded.push(key);
      }
    }
    expect(unguarded).toEqual([]);
  });

  it('every sensitive object field is guarded', async () => {
    const schema = await createSchema({ testClock: false });
    const byTarget = getMetadataStorage().authorizedFields;
    const unguarded = [...SENSITIVE_FIELDS].filter((key) => {
      const [typeName, field] = key.split('.') as [string, string];
      expect((schema.getType(typeName) as GraphQLObjectType).getFields()[field]).toBeDefined();
      return !byTarget.some((a) => a.fieldName === field && (a.target as { name?: string }).name === typeName);
    });
    expect(unguarded).toEqual([]);
  });

  it('a clerk token gets a forbidden error on an admin-only operation', async () => {
    const result = await api.clerk.request(`{ staffMembers { totalCount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED');
    expect(result.data).toBeNull();
  });

  it('an anonymous caller gets UNAUTHENTICATED on a guarded operation', async () => {
    const result = await api.anonymous.request(`{ settings { autoCloseDays } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('transport', () => {
  it('GET /healthz checks the database', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('each response carries a request id (echoing the caller\'s when given)', async () => {
    const res = await api.anonymous.request(`{ __typename }`, {}, { 'x-request-id': 'req-123' });
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect((await api.anonymous.request(`{ __typename }`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('graphql-armor refuses too deep queries', async () => {
    const deep = `{ ticketCode(code: "X") { ${'parent { '.repeat(14)}code${' }'.repeat(14)} } }`;
    const result = await api.admin.request(deep);
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('graphql-armor refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: registrationEmailRequired`).join(' ');
    expect((await api.anonymous.request(`{ ${aliases} }`)).errors?.[0]?.message).toMatch(/alias/i);
  });

  it('a GET or form-encoded mutation without a preflight is refused (CSRF prevention)', async () => {
    const res = await fetch(`${api.graphqlUrl}?query=${encodeURIComponent('{ viewer { id } }')}`);
    expect(res.status).toBe(400);
  });

  it('testClockSet moves the server clock only when ENABLE_TEST_CLOCK=1', async () => {
    const data = await api.admin.ok(`mutation { testClockSet(input: { now: "2030-01-02T03:04:05Z" }) { now } }`);
    expect(data.testClockSet.now.startsWith('2030-01-02T03:04:0')).toBe(true);
    expect(api.app.clock.now().getUTCFullYear()).toBe(2030);
    // The admin's session ended in 2030 (sessions follow the clock): sign in again to move it back.
    const admin = await api.client().login('admin@example.com', 'admin1234');
    await admin.ok(`mutation { testClockSet(input: { now: "${new Date().toISOString()}" }) { now } }`);
    const refused = await production.anonymous.request(`mutation { testClockSet(input: { now: "2030-01-02T03:04:05Z" }) { now } }`);
    expect(refused.errors?.[0]?.message).toMatch(/testClockSet/);
  });
});
