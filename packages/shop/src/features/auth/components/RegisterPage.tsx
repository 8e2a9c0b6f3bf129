import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Button, Container, List, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormError, PageLoader, safeRedirect, useSession, type PayloadError } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { CustomerRegisterDocument, RegistrationEmailRequiredDocument } from '../api/register';

type Field = 'name' | 'email' | 'phone' | 'password';
const EMPTY: Record<Field, string> = { name: '', email: '', phone: '', password: '' };

/** `input.email` or `email` -> `email`. */
const fieldOf = (error: PayloadError) => error.field?.split('.').pop();

/** 加入會員: the new shopper is signed in at once (customerRegister sets the session cookie). */
export function RegisterPage() {
  const { t } = useTranslation();
  const { viewer, loading: sessionLoading, refresh } = useSession();
  const [params] = useSearchParams();
  const { search } = useLocation();
  const settings = useQuery(RegistrationEmailRequiredDocument);
  const [register, { loading: submitting }] = useMutation(CustomerRegisterDocument);
  const [values, setValues] = useState(EMPTY);
  const [missing, setMissing] = useState<Field[]>([]);
  const [errors, setErrors] = useState<PayloadError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  if (sessionLoading || settings.loading) return <PageLoader />;
  if (viewer) return <Navigate to={safeRedirect(params.get('redirect'))} replace />;
  const emailRequired = settings.data?.registrationEmailRequired ?? false;

  const required: Field[] = emailRequired ? ['name', 'email', 'password'] : ['name', 'password'];
  const fieldError = (field: Field) =>
    missing.includes(field) ? t('common.required') : errors.some((e) => fieldOf(e) === field) || undefined;
  const bind = (field: Field) => ({
    name: field,
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => setValues({ ...values, [field]: e.currentTarget.value }),
    error: fieldError(field),
    withAsterisk: required.includes(field),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nowMissing = required.filter((field) => !values[field].trim());
    setMissing(nowMissing);
    setErrors([]);
    setFailure(null);
    if (nowMissing.length) return;
    try {
      const { data } = await register({
        variables: {
          input: {
            name: values.name.trim(),
            email: values.email.trim() || null,
            phone: values.phone.trim() || null,
            password: values.password,
          },
        },
      });
      const refusals = data?.customerRegister.errors ?? [];
      setErrors(refusals);
      if (!refusals.length) await refresh();
    } catch {
      setFailure(t('common.networkError'));
    }
  }

  return (
    <Container size={440} px="sm" py="xl">
      <Paper withBorder p="lg" shadow="xs">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2}>{t('shop.registerTitle')}</Title>
            <FormError>
              {failure ??
                (errors.length > 0 && (
                  <List size="sm">
                    {errors.map((e) => (
                      <List.Item key={`${e.code}-${e.field}`}>{e.message}</List.Item>
                    ))}
                  </List>
                ))}
            </FormError>
            <TextInput {...bind('name')} label={t('common.name')} autoComplete="name" autoFocus />
            <TextInput
              {...bind('email')}
              type="email"
              label={t('common.email')}
              description={t('shop.registerHint')}
              autoComplete="email"
            />
            <TextInput {...bind('phone')} type="tel" label={t('common.phone')} autoComplete="tel" />
            <PasswordInput {...bind('password')} label={t('common.password')} autoComplete="new-password" />
            <Button type="submit" loading={submitting} data-testid="register-submit" fullWidth>
              {t('shop.register')}
            </Button>
            <Text size="sm" ta="center">
              {t('shop.haveAccount')}{' '}
              <Anchor component={Link} to={`/login${search}`}>
                {t('common.login')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
