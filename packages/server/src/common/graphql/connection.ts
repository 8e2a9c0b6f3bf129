import { Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType({ description: 'Where a page of a list ends.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `XxxConnection { edges { node cursor } pageInfo totalCount }` for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name = node.name) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list.` })
  class Edge {
    @Field(() => node)
    node!: T;

    @Field(() => String)
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionOf implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match, over all pages.' })
    totalCount!: number;
  }
  return ConnectionOf;
}

export const MAX_PAGE_SIZE = 100;

export function pageWindow(first: number | null | undefined, after: string | null | undefined): { limit: number; offset: number } {
  const limit = Math.min(Math.max(first ?? 20, 1), MAX_PAGE_SIZE);
  const offset = after ? Number(Buffer.from(after, 'base64url').toString()) + 1 : 0;
  return { limit, offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0 };
}

/** `hasNextPage` defaults to what the total says; a list whose total is capped knows better. */
export function toConnection<T>(items: T[], totalCount: number, offset: number, hasNextPage = offset + items.length < totalCount): ConnectionShape<T> {
  const edges = items.map((node, i) => ({ node, cursor: Buffer.from(String(offset + i)).toString('base64url') }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
