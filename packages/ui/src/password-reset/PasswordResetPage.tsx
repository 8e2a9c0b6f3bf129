import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, type MantineSize } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormError } from '../components/FormError';
import { PasswordResetCompleteDocument, type PasswordResetCompleteErrorCode } from './documents';
import { ResetFrame } from './ResetFrame';

export interface PasswordResetPageProps {
  size?: MantineSize;
  withLanguageSwitch?: boolean;
  loginPath?: string;
  forgotPasswordPath?: string;
}

type Phase = 'form' | 'done' | 'invalid';

/**
 * B9, /reset-password?token=…: the new password twice, then a link to sign in. A link that is used,
 * expired or garbled says so and offers to ask for a new one.
 */
export function PasswordResetPage({ size = 'md', withLanguageSwitch, loginPath = '/login', forgotPasswordPath = '/forgot-password' }: PasswordResetPageProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [complete, { loading }] = useMutation(PasswordResetCompleteDocument);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ password?: string; again?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>(token ? 'form' : 'invalid');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found = { password: password ? undefined : t('common.required'), again: !again ? t('common.required') : again !== password ? t('passwordReset.mismatch') : undefined };
    setErrors(found);
    if (found.password || found.again) return;
    try {
      const { data } = await complete({ variables: { input: { token, newPassword: password } } });
      const payload = data?.passwordResetComplete;
      if (!payload) return setFailure(t('common.unexpectedError'));
      if (payload.passwordChanged) return setPhase('done');
      for (const refusal of payload.errors) {
        const code: PasswordResetCompleteErrorCode = refusal.code;
        switch (code) {
          case 'INVALID_OR_EXPIRED_TOKEN':
            return setPhase('invalid');
          case 'PASSWORD_TOO_SHORT':
            setErrors({ password: refusal.message });
            break;
          case 'INVALID_INPUT':
            if (refusal.field === 'token') return setPhase('invalid');
            setErrors({ password: refusal.message });
            break;
          default:
            return code satisfies never;
        }
      }
    } catch {
      setFailure(t('common.networkError'));
    }
  }

  if (phase === 'done') {
    return (
      <ResetFrame title={t('passwordReset.resetTitle')} withLanguageSwitch={withLanguageSwitch}>
        <Alert color="teal" variant="light" role="status" data-testid="reset-done" title={t('passwordReset.done')}>
          {t('passwordReset.doneHint')}
        </Alert>
        <Button component={Link} to={loginPath} size={size} fullWidth data-testid="reset-to-login">
          {t('passwordReset.toLogin')}
        </Button>
      </ResetFrame>
    );
  }

  if (phase === 'invalid') {
    return (
      <ResetFrame title={t('passwordReset.resetTitle')} withLanguageSwitch={withLanguageSwitch}>
        <Alert color="orange" variant="light" role="alert" data-testid="reset-invalid" title={t('passwordReset.invalidTitle')}>
          {t('passwordReset.invalidHint')}
        </Alert>
        <Button component={Link} to={forgotPasswordPath} size={size} fullWidth data-testid="reset-ask-again">
          {t('passwordReset.askAgain')}
        </Button>
        <Text size="sm" ta="center">
          <Anchor component={Link} to={loginPath}>
            {t('passwordReset.backToLogin')}
          </Anchor>
        </Text>
      </ResetFrame>
    );
  }

  return (
    <ResetFrame title={t('passwordReset.resetTitle')} withLanguageSwitch={withLanguageSwitch}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError size={size === 'lg' || size === 'xl' ? 'lg' : 'md'}>{failure}</FormError>
          {/* Lets password managers file the new password under the account. */}
          <input type="text" name="username" autoComplete="username" hidden readOnly value="" />
          <PasswordInput
            name="newPassword"
            autoComplete="new-password"
            autoFocus
            size={size}
            label={t('passwordReset.newPassword')}
            description={t('passwordReset.newPasswordHint')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            withAsterisk
          />
          <PasswordInput
            name="confirmPassword"
            autoComplete="new-password"
            size={size}
            label={t('passwordReset.confirmPassword')}
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={errors.again}
            withAsterisk
          />
          <Button type="submit" size={size} loading={loading} data-testid="reset-submit" fullWidth>
            {t('passwordReset.save')}
          </Button>
        </Stack>
      </form>
    </ResetFrame>
  );
}
