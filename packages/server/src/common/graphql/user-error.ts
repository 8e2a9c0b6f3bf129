import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import type { Context } from '../context.js';
import { translate, type Message } from '../i18n.js';

@InterfaceType('UserError', { description: 'A business refusal: nothing was changed. `message` is in the request language.' })
export abstract class UserError {
  @Field(() => String, { description: 'Human-readable explanation, in the language of the request (zh-TW or en).' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Path of the input field at fault, when one is.' })
  field?: string | null;
}

export interface TypedError<C extends string> {
  code: C;
  message: string;
  field?: string | null;
}

/** Every mutation's errors can say that an input broke its bounds (`withInputLimits`); the message says which. */
export const INVALID_INPUT = 'INVALID_INPUT';

/**
 * Makes the typed error of one mutation: `XxxError { code: XxxErrorCode!, message, field }`.
 * The codes are the keys of `messages`, each with its zh-TW and English text, and INVALID_INPUT.
 */
export function createErrorType<C extends string>(name: string, messages: Record<C, Message>) {
  const codes = Object.fromEntries([...Object.keys(messages), INVALID_INPUT].map((c) => [c, c])) as { [K in C]: K };
  const subject = name.replace(/Error$/, '');
  registerEnumType(codes, { name: `${name}Code`, description: `Why ${subject} was refused.` });

  @ObjectType(name, { implements: UserError, description: `A refusal of ${subject}; nothing was changed.` })
  class ErrorOf extends UserError {
    @Field(() => codes, { description: 'Stable machine-readable reason.' })
    code!: C;
  }

  const make = (ctx: Pick<Context, 'locale'>, code: C, field?: string, params?: Record<string, string | number>): ErrorOf =>
    Object.assign(new ErrorOf(), { code, field: field ?? null, message: translate(ctx.locale, messages[code], params) });

  return { ErrorType: ErrorOf, error: make, codes };
}

/** Payloads carry `errors`; a non-empty list makes the mutation's transaction roll back. */
export interface PayloadWithErrors {
  errors: unknown[];
}

export function hasErrors(value: unknown): value is PayloadWithErrors {
  return typeof value === 'object' && value !== null && Array.isArray((value as PayloadWithErrors).errors) && (value as PayloadWithErrors).errors.length > 0;
}
