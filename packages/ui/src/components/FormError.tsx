import { Alert, type AlertProps } from '@mantine/core';

export interface FormErrorProps extends Omit<AlertProps, 'color' | 'role'> {
  /** `lg` for phones at a counter: the message must be readable at arm's length. */
  size?: 'md' | 'lg';
}

/** The one error banner: server refusals and network failures. */
export function FormError({ children, size = 'md', ...props }: FormErrorProps) {
  if (!children) return null;
  return (
    <Alert
      color="red"
      variant={size === 'lg' ? 'filled' : 'light'}
      role="alert"
      data-testid="form-error"
      styles={size === 'lg' ? { message: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 600 } } : undefined}
      {...props}
    >
      {children}
    </Alert>
  );
}
