import { Button, PasswordInput, Stack, TextInput, type MantineSize } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from './FormError';

export interface LoginFormProps {
  /** Signs in; resolves to an error message to show, or nothing on success. */
  onSubmit(values: { email: string; password: string }): Promise<string | null | undefined>;
  /** Label of the identifier field (default: email). */
  emailLabel?: string;
  /** Larger inputs for touch screens. */
  size?: MantineSize;
  /** Shown above the fields (e.g. a heading). */
  children?: ReactNode;
}

/** Email and password, Enter submits, the server's refusal shown as is. */
export function LoginForm({ onSubmit, emailLabel, size = 'md', children }: LoginFormProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nowMissing = { email: !email.trim(), password: !password };
    setMissing(nowMissing);
    if (nowMissing.email || nowMissing.password) return;
    setSubmitting(true);
    setError(null);
    try {
      setError((await onSubmit({ email, password })) ?? null);
    } catch {
      setError(t('common.unexpectedError'));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {children}
        <FormError size={size === 'lg' || size === 'xl' ? 'lg' : 'md'}>{error}</FormError>
        <TextInput
          name="email"
          type="text"
          inputMode="email"
          autoComplete="username"
          autoFocus
          size={size}
          label={emailLabel ?? t('common.email')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={missing.email && t('common.required')}
          withAsterisk
        />
        <PasswordInput
          name="password"
          autoComplete="current-password"
          size={size}
          label={t('common.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={missing.password && t('common.required')}
          withAsterisk
        />
        <Button type="submit" size={size} loading={submitting} data-testid="login-submit" fullWidth>
          {t('common.login')}
        </Button>
      </Stack>
    </form>
  );
}
