import { Alert, Button, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

/**
 * 核銷票券頁. A scanner types the code and presses Enter; a phone camera opens /redeem/{code} (R3).
 * Looking the code up and redeeming it come with the redemption API.
 */
export function RedeemPage() {
  const { t } = useTranslation();
  const { code: fromUrl = '' } = useParams();
  const navigate = useNavigate();
  const [code, setCode] = useState(fromUrl);
  const [prevUrlCode, setPrevUrlCode] = useState(fromUrl);
  if (fromUrl !== prevUrlCode) {
    setPrevUrlCode(fromUrl);
    setCode(fromUrl);
  }

  function view(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const normalized = code.trim().toUpperCase();
    if (normalized) navigate(`/redeem/${encodeURIComponent(normalized)}`);
  }

  return (
    <Stack>
      <Title order={2}>{t('clerk.redeem.title')}</Title>
      <form onSubmit={view}>
        <Stack>
          <TextInput
            name="code"
            size="xl"
            label={t('clerk.redeem.code')}
            placeholder={t('clerk.redeem.codePlaceholder')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            data-testid="redeem-code"
            styles={{ input: { fontFamily: 'monospace', fontSize: 28, letterSpacing: 2, height: 64 } }}
          />
          <Button type="submit" size="xl" data-testid="redeem-view" fullWidth>
            {t('clerk.redeem.view')}
          </Button>
        </Stack>
      </form>
      {fromUrl && (
        <Alert color="gray" data-testid="redeem-pending">
          {t('clerk.redeem.lookupSoon')}
        </Alert>
      )}
    </Stack>
  );
}
