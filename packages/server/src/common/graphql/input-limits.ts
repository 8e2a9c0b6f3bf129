import { Extensions } from 'type-graphql';
import {
  GraphQLError,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLList,
  type GraphQLNonNull,
  type GraphQLSchema,
} from 'graphql';
import type { Context } from '../context.js';
import { translate, type Message } from '../i18n.js';
import { INVALID_INPUT } from './user-error.js';

/** Bounds of one input field, checked before any resolver runs (see `withInputLimits`). */
export interface InputLimit {
  /** Most characters a string may have (default 255: the width of a `varchar` column). */
  maxLength?: number;
  /** Fewest and most an Int may be. */
  min?: number;
  max?: number;
  /** Most items a list may have. */
  maxItems?: number;
}

/** Strings in inputs are at most this long unless their field says otherwise. */
export const DEFAULT_MAX_LENGTH = 255;
/** Lists in inputs hold at most this many items unless their field says otherwise. */
export const DEFAULT_MAX_ITEMS = 100;

/**
 * Declares an input field's bounds: `@Limit({ maxLength: 10_000 })`, `@Limit({ min: 1, max: 1000 })`.
 * Every String and list is bounded by default; Ints are bounded where they are declared.
 */
export function Limit(limit: InputLimit): PropertyDecorator & MethodDecorator & ClassDecorator {
  return Extensions({ limit });
}

/** Every object id we hand out is a UUID; anything else is refused before the database parses it. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LimitViolation {
  /** Path of the field at fault, e.g. `input.lines.3.quantity`. */
  field: string;
  kind: 'TOO_LONG' | 'TOO_SMALL' | 'TOO_LARGE' | 'TOO_MANY' | 'NOT_AN_ID';
  bound: number;
}

/** The first bound that a mutation's raw arguments break, or null. */
export function findLimitViolation(args: readonly GraphQLArgument[], values: Record<string, unknown>): LimitViolation | null {
  for (const arg of args) {
    const violation = check(arg.type, values[arg.name], arg.name, (arg.extensions?.limit as InputLimit | undefined) ?? {});
    if (violation) return violation;
  }
  return null;
}

/**
 * The kind of a schema type by its tag, not `instanceof`: the schema's types may come from another copy
 * of graphql than this module's (type-graphql loads it as CommonJS; a bundler may give us its ES build).
 */
const kindOf = (type: unknown): string => (type as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] ?? '';
const isNonNull = (type: GraphQLInputType): type is GraphQLNonNull<GraphQLInputType> => kindOf(type) === 'GraphQLNonNull';
const isList = (type: GraphQLInputType): type is GraphQLList<GraphQLInputType> => kindOf(type) === 'GraphQLList';
const isInputObject = (type: GraphQLInputType): type is GraphQLInputObjectType => kindOf(type) === 'GraphQLInputObjectType';

function check(type: GraphQLInputType, value: unknown, path: string, limit: InputLimit): LimitViolation | null {
  if (value === null || value === undefined) return null;
  const inner = isNonNull(type) ? type.ofType : type;
  if (isList(inner)) {
    if (!Array.isArray(value)) return null;
    const maxItems = limit.maxItems ?? DEFAULT_MAX_ITEMS;
    if (value.length > maxItems) return { field: path, kind: 'TOO_MANY', bound: maxItems };
    for (let i = 0; i < value.length; i++) {
      const violation = check(inner.ofType, value[i], `${path}.${i}`, { ...limit, maxItems: undefined });
      if (violation) return violation;
    }
    return null;
  }
  const named = inner;
  if (isInputObject(named)) {
    if (typeof value !== 'object') return null;
    for (const field of Object.values(named.getFields())) {
      const violation = check(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`, (field.extensions?.limit as InputLimit | undefined) ?? {});
      if (violation) return violation;
    }
    return null;
  }
  if (kindOf(named) === 'GraphQLScalarType' && (named as { name: string }).name === 'ID' && typeof value === 'string' && !UUID.test(value)) return { field: path, kind: 'NOT_AN_ID', bound: 0 };
  if (typeof value === 'string') {
    const maxLength = limit.maxLength ?? DEFAULT_MAX_LENGTH;
    if ([...value].length > maxLength) return { field: path, kind: 'TOO_LONG', bound: maxLength };
  }
  if (typeof value === 'number') {
    if (limit.min !== undefined && value < limit.min) return { field: path, kind: 'TOO_SMALL', bound: limit.min };
    if (limit.max !== undefined && value > limit.max) return { field: path, kind: 'TOO_LARGE', bound: limit.max };
  }
  return null;
}

const violationMessages: Record<LimitViolation['kind'], Message> = {
  TOO_LONG: { 'zh-TW': '「{field}」太長了（最多 {bound} 個字）', en: '{field} is too long (at most {bound} characters)' },
  TOO_SMALL: { 'zh-TW': '「{field}」不可小於 {bound}', en: '{field} must be at least {bound}' },
  TOO_LARGE: { 'zh-TW': '「{field}」不可大於 {bound}', en: '{field} must be at most {bound}' },
  TOO_MANY: { 'zh-TW': '「{field}」最多 {bound} 項', en: '{field} takes at most {bound} items' },
  NOT_AN_ID: { 'zh-TW': '「{field}」不是有效的編號', en: '{field} is not a valid id' },
};

/**
 * Checks every operation's arguments against their bounds before its resolver runs, so input that the
 * database would refuse (a 300-character name, a quantity that overflows a sum) never gets that far.
 * A mutation answers its payload with one INVALID_INPUT error (nothing changed); a query, a GraphQL error.
 */
export function withInputLimits(schema: GraphQLSchema): GraphQLSchema {
  for (const [type, isMutation] of [[schema.getQueryType(), false], [schema.getMutationType(), true]] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (field.resolve && field.args.length > 0) field.resolve = checked(field as GraphQLField<unknown, Context>, isMutation);
    }
  }
  return schema;
}

function checked(field: GraphQLField<unknown, Context>, isMutation: boolean): GraphQLField<unknown, Context>['resolve'] {
  const resolve = field.resolve!;
  return (source, args: Record<string, unknown>, context, info) => {
    const violation = findLimitViolation(field.args, args);
    if (!violation) return resolve(source, args, context, info);
    const path = violation.field.replace(/^input\./, '');
    const message = translate(context.locale, violationMessages[violation.kind], { field: path, bound: violation.bound });
    if (isMutation) return { errors: [{ code: INVALID_INPUT, message, field: path }] };
    throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: path } });
  };
}
