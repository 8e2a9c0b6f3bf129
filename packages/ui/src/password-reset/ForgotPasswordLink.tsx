import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** 忘記密碼？ under a sign-in form: opens the app's /forgot-password page. */
export function ForgotPasswordLink({ to = '/forgot-password', size = 'sm' }: { to?: string; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Text size={size} ta="center">
      <Anchor component={Link} to={to} data-testid="forgot-password-link">
        {t('passwordReset.forgotLink')}
      </Anchor>
    </Text>
  );
}
