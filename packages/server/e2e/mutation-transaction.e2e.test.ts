import { graphql, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withMutationTransactions } from '../src/common/graphql/transaction.middleware.js';
import { startTestApi, type TestApi } from './harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await api.app.pool.query('create table tx_probe (note text)');
});
afterAll(async () => {
  await api?.close();
});

/** A mutation that writes a row, then answers with a typed error when asked to. */
const schema = withMutationTransactions(
  new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
    mutation: new GraphQLObjectType({
      name: 'Mutation',
      fields: {
        probeWrite: {
          type: new GraphQLObjectType({
            name: 'ProbePayload',
            fields: { errors: { type: new GraphQLList(new GraphQLObjectType({ name: 'ProbeError', fields: { code: { type: GraphQLString } } })) } },
          }),
          args: { note: { type: new GraphQLNonNull(GraphQLString) }, refuse: { type: GraphQLInt } },
          resolve: async (_s, args: { note: string; refuse?: number }, ctx) => {
            await ctx.em.getConnection().execute('insert into tx_probe (note) values (?)', [args.note], 'run', ctx.em.getTransactionContext());
            return { errors: args.refuse ? [{ code: 'REFUSED' }] : [] };
          },
        },
      },
    }),
  }),
);

const run = (note: string, refuse: number) =>
  graphql({ schema, source: `mutation($n: String!, $r: Int) { probeWrite(note: $n, refuse: $r) { errors { code } } }`, variableValues: { n: note, r: refuse }, contextValue: { em: api.app.orm.em.fork() } });
const notes = async () => (await api.app.pool.query<{ note: string }>('select note from tx_probe order by note')).rows.map((r) => r.note);

describe('one transaction per mutation (STYLE: typed errors change nothing)', () => {
  it('a payload with typed errors rolls back what the mutation wrote; a clean payload commits', async () => {
    expect((await run('refused', 1)).data).toEqual({ probeWrite: { errors: [{ code: 'REFUSED' }] } });
    expect(await run('kept', 0)).toEqual({ data: { probeWrite: { errors: [] } } });
    expect(await notes()).toEqual(['kept']);
  });
});
