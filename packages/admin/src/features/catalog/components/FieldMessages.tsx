import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { FieldErrors } from '../lib/fieldErrors';

/**
 * The message(s) for one field, for a Mantine input's `error` prop (which also sets aria-invalid and
 * aria-describedby), or standalone with `block`.
 */
export function fieldError(errors: FieldErrors, path: string): ReactNode {
  const messages = errors[path];
  if (!messages?.length) return undefined;
  return <span data-testid="field-error" data-field={path}>{messages.join(' ')}</span>;
}

/** A field message outside an input (a whole list, a row). */
export function BlockFieldError({ errors, path }: { errors: FieldErrors; path: string }) {
  const messages = errors[path];
  if (!messages?.length) return null;
  return (
    <Text c="red" size="sm" role="alert" data-testid="field-error" data-field={path}>
      {messages.join(' ')}
    </Text>
  );
}
