/** A refusal in a mutation payload: every payload error has these (API.md). */
export interface ServerError {
  code: string;
  message: string;
  field?: string | null;
}

/** Messages by field path (`title`, `variants.0.price`); errors without a field are under ''. */
export type FieldErrors = Record<string, string[]>;

/**
 * Groups a payload's errors by the input path they point at. `aliases` sends a server path to the field
 * the form actually shows (e.g. the server blames `fixedPrice` for any bad discount, also a percentage).
 */
export function groupFieldErrors(errors: readonly ServerError[], aliases: Record<string, string> = {}): FieldErrors {
  const grouped: FieldErrors = {};
  for (const error of errors) {
    const path = error.field ? (aliases[error.field] ?? error.field) : '';
    const list = (grouped[path] ??= []);
    if (!list.includes(error.message)) list.push(error.message);
  }
  return grouped;
}

/** Every message once, in order: for the banner above the form. */
export function allMessages(errors: FieldErrors): string[] {
  return [...new Set(Object.values(errors).flat())];
}
