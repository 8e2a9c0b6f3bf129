import { useState, type FormEvent } from 'react';
import { useI18n } from '../shared/i18n';
import { Link, Navigate, useSearchParams } from '../shared/router';
import { LanguageSwitch } from './LanguageSwitch';
import { safeRedirect } from './login-path';
import { useSession } from './session';

/** The clerk's sign-in (S2: the server refuses other accounts with a message shown as is). */
export default function LoginPage() {
  const { t } = useI18n();
  const { viewer, loading, login } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (loading) return <div className="center page" role="status" aria-label={t('common.loading')} />;
  if (viewer) return <Navigate to={safeRedirect(params.get('redirect'))} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMissing(!email.trim() || !password);
    if (!email.trim() || !password) return;
    setBusy(true);
    setError(null);
    try {
      setError(await login(email, password));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page narrow">
      <form className="card stack" onSubmit={submit} noValidate>
        <div className="row between">
          <h1 className="title">{t('clerk.loginTitle')}</h1>
          <LanguageSwitch />
        </div>
        {error && (
          <div className="alert danger lg" role="alert" data-testid="form-error">
            {error}
          </div>
        )}
        <label className="label" htmlFor="login-email">
          {t('common.email')} *
        </label>
        <input id="login-email" className="input" name="email" type="text" inputMode="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        {missing && !email.trim() && <div className="danger-text small">{t('common.required')}</div>}
        <label className="label" htmlFor="login-password">
          {t('common.password')} *
        </label>
        <input id="login-password" className="input" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        {missing && !password && <div className="danger-text small">{t('common.required')}</div>}
        <button type="submit" className="btn primary xl" disabled={busy} data-testid="login-submit">
          {t('common.login')}
        </button>
        <Link className="link center" to="/forgot-password" data-testid="forgot-password">
          {t('passwordReset.forgotLink')}
        </Link>
      </form>
    </main>
  );
}
