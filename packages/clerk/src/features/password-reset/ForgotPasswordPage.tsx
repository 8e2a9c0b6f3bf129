import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { ClerkPasswordResetRequestDocument } from '../../gql/graphql';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';

/** B9, 忘記密碼: the account's email; the answer is the same whether or not an account uses it. */
export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const [request, { loading }] = useMutation(ClerkPasswordResetRequestDocument);
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sentFor, setSentFor] = useState<number | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim()) return setProblem(t('common.required'));
    setProblem(null);
    try {
      const { data } = await request({ variables: { input: { email: email.trim(), app: 'CLERK' } } });
      const payload = data?.passwordResetRequest;
      if (payload?.accepted) return setSentFor(payload.validMinutes);
      setProblem(payload?.errors[0]?.message ?? t('common.unexpectedError'));
    } catch {
      setProblem(t('common.networkError'));
    }
  }

  return (
    <main className="page narrow">
      <div className="card stack">
        <div className="row between">
          <h1 className="title">{t('passwordReset.requestTitle')}</h1>
          <LanguageSwitch />
        </div>
        {sentFor !== null ? (
          <div className="stack" role="status" data-testid="reset-sent">
            <div className="alert ok-soft">{t('passwordReset.sent')}</div>
            <p className="dim">{t('passwordReset.sentHint', { minutes: sentFor })}</p>
            <button type="button" className="btn" onClick={() => setSentFor(null)}>
              {t('passwordReset.sendAgain')}
            </button>
          </div>
        ) : (
          <form className="stack" onSubmit={submit} noValidate>
            <p className="dim">{t('passwordReset.requestHint')}</p>
            {problem && (
              <div className="alert danger" role="alert" data-testid="form-error">
                {problem}
              </div>
            )}
            <label className="label" htmlFor="reset-email">
              {t('common.email')} *
            </label>
            <input id="reset-email" className="input" name="email" type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <button type="submit" className="btn primary lg" disabled={loading} data-testid="reset-request-submit">
              {t('passwordReset.send')}
            </button>
          </form>
        )}
        <Link className="link center" to="/login">
          {t('passwordReset.backToLogin')}
        </Link>
      </div>
    </main>
  );
}
