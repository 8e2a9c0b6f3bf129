import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { ClerkPasswordResetCompleteDocument } from '../../gql/graphql';
import { useI18n } from '../../shared/i18n';
import { Link, useSearchParams } from '../../shared/router';

type Phase = 'form' | 'done' | 'invalid';

/** B9, /reset-password?token=…: the new password twice; a used, expired or garbled link says so. */
export default function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [complete, { loading }] = useMutation(ClerkPasswordResetCompleteDocument);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>(token ? 'form' : 'invalid');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password || !again) return setProblem(t('common.required'));
    if (password !== again) return setProblem(t('passwordReset.mismatch'));
    setProblem(null);
    try {
      const { data } = await complete({ variables: { input: { token, newPassword: password } } });
      const payload = data?.passwordResetComplete;
      if (payload?.passwordChanged) return setPhase('done');
      const refusal = payload?.errors[0];
      if (refusal?.code === 'INVALID_OR_EXPIRED_TOKEN' || refusal?.field === 'token') return setPhase('invalid');
      setProblem(refusal?.message ?? t('common.unexpectedError'));
    } catch {
      setProblem(t('common.networkError'));
    }
  }

  let body;
  if (phase === 'done') {
    body = (
      <div className="stack" role="status" data-testid="reset-done">
        <div className="alert ok-soft">{t('passwordReset.done')}</div>
        <p className="dim">{t('passwordReset.doneHint')}</p>
        <Link className="btn primary lg" to="/login" data-testid="reset-to-login">
          {t('passwordReset.toLogin')}
        </Link>
      </div>
    );
  } else if (phase === 'invalid') {
    body = (
      <div className="stack" data-testid="reset-invalid">
        <div className="alert warn" role="alert">
          {t('passwordReset.invalidTitle')}
        </div>
        <p className="dim">{t('passwordReset.invalidHint')}</p>
        <Link className="btn primary lg" to="/forgot-password" data-testid="reset-ask-again">
          {t('passwordReset.askAgain')}
        </Link>
      </div>
    );
  } else {
    body = (
      <form className="stack" onSubmit={submit} noValidate>
        {problem && (
          <div className="alert danger" role="alert" data-testid="form-error">
            {problem}
          </div>
        )}
        {/* Lets password managers file the new password under the account. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly value="" />
        <label className="label" htmlFor="reset-password">
          {t('passwordReset.newPassword')} *
        </label>
        <input id="reset-password" className="input" name="newPassword" type="password" autoComplete="new-password" autoFocus aria-describedby="reset-password-hint" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        <div id="reset-password-hint" className="dim small">
          {t('passwordReset.newPasswordHint')}
        </div>
        <label className="label" htmlFor="reset-again">
          {t('passwordReset.confirmPassword')} *
        </label>
        <input id="reset-again" className="input" name="confirmPassword" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.currentTarget.value)} />
        <button type="submit" className="btn primary lg" disabled={loading} data-testid="reset-submit">
          {t('passwordReset.save')}
        </button>
      </form>
    );
  }

  return (
    <main className="page narrow">
      <div className="card stack">
        <div className="row between">
          <h1 className="title">{t('passwordReset.resetTitle')}</h1>
          <LanguageSwitch />
        </div>
        {body}
      </div>
    </main>
  );
}
