import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, Stack, Text, TextInput, type MantineSize } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SignInApp } from '../auth/documents';
import { FormError } from '../components/FormError';
import { PasswordResetRequestDocument, type PasswordResetRequestErrorCode } from './documents';
import { ResetFrame } from './ResetFrame';

export interface PasswordResetRequestPageProps {
  /** Whose /reset-password page the mailed link opens: this app's. */
  app: SignInApp;
  size?: MantineSize;
  withLanguageSwitch?: boolean;
  loginPath?: string;
}

/**
 * B9, 忘記密碼: asks for a reset link by email. Whatever the email, a taken request shows the same words
 * (the server does not say whether an account uses it).
 */
export function PasswordResetRequestPage({ app, size = 'md', withLanguageSwitch, loginPath = '/login' }: PasswordResetRequestPageProps) {
  const { t } = useTranslation();
  const [request, { loading }] = useMutation(PasswordResetRequestDocument);
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sentMinutes, setSentMinutes] = useState<number | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFieldError(null);
    setFailure(null);
    if (!email.trim()) return setFieldError(t('common.required'));
    try {
      const { data } = await request({ variables: { input: { email: email.trim(), app } } });
      const payload = data?.passwordResetRequest;
      if (!payload) return setFailure(t('common.unexpectedError'));
      const refusal = payload.errors[0];
      if (!refusal) return setSentMinutes(payload.validMinutes);
      const code: PasswordResetRequestErrorCode = refusal.code;
      switch (code) {
        case 'INVALID_EMAIL':
        case 'INVALID_INPUT':
          return setFieldError(refusal.message);
        case 'TOO_MANY_ATTEMPTS':
          return setFailure(refusal.message);
        default:
          return code satisfies never;
      }
    } catch {
      setFailure(t('common.networkError'));
    }
  }

  const backToLogin = (
    <Text size="sm" ta="center">
      <Anchor component={Link} to={loginPath} data-testid="back-to-login">
        {t('passwordReset.backToLogin')}
      </Anchor>
    </Text>
  );

  if (sentMinutes !== null) {
    return (
      <ResetFrame title={t('passwordReset.requestTitle')} withLanguageSwitch={withLanguageSwitch}>
        <Alert color="teal" variant="light" role="status" data-testid="reset-request-sent" title={t('passwordReset.sent')}>
          {t('passwordReset.sentHint', { minutes: sentMinutes })}
        </Alert>
        <Button variant="default" size={size} onClick={() => setSentMinutes(null)} data-testid="reset-request-again">
          {t('passwordReset.sendAgain')}
        </Button>
        {backToLogin}
      </ResetFrame>
    );
  }

  return (
    <ResetFrame title={t('passwordReset.requestTitle')} withLanguageSwitch={withLanguageSwitch}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('passwordReset.requestHint')}
          </Text>
          <FormError size={size === 'lg' || size === 'xl' ? 'lg' : 'md'}>{failure}</FormError>
          <TextInput
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoFocus
            size={size}
            label={t('common.email')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError}
            withAsterisk
          />
          <Button type="submit" size={size} loading={loading} data-testid="reset-request-submit" fullWidth>
            {t('passwordReset.send')}
          </Button>
        </Stack>
      </form>
      {backToLogin}
    </ResetFrame>
  );
}
