import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from './schema.js';

/** The schema as committed in schema.graphql: the production schema, sorted for stable diffs. */
export async function printServedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await createSchema({ testClock: false }))) + '\n';
}
