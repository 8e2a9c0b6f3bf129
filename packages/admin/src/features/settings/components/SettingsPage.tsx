import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Title } from '@mantine/core';
import { FormError, PageLoader } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsQuery } from '../../../gql/graphql';
import { SettingsDocument, SettingsUpdateDocument } from '../api/settings';

type Settings = SettingsQuery['settings'];
type Section = 'registration' | 'autoClose';

/** 顧客註冊設定 and 訂單自動結案設定: one settings object, each page changes only its own fields. */
export function SettingsPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const { data, error } = useQuery(SettingsDocument);
  return (
    <Stack maw={560}>
      <Title order={2}>{t(section === 'registration' ? 'admin.settings.registrationTitle' : 'admin.settings.autoCloseTitle')}</Title>
      {error && <FormError>{t('common.networkError')}</FormError>}
      {data ? <SettingsForm key={section} section={section} settings={data.settings} /> : !error && <PageLoader />}
    </Stack>
  );
}

function SettingsForm({ section, settings }: { section: Section; settings: Settings }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(settings);
  const [update, { loading }] = useMutation(SettingsUpdateDocument);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const change = (patch: Partial<Settings>) => {
    setValues({ ...values, ...patch });
    setSaved(false);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const input =
      section === 'registration'
        ? { registrationEmailRequired: values.registrationEmailRequired }
        : { autoCloseDays: values.autoCloseDays, ticketFeeBasisPoints: values.ticketFeeBasisPoints };
    try {
      const { data } = await update({ variables: { input } });
      const refusals = data?.settingsUpdate.errors ?? [];
      setErrors(refusals.map((e) => e.message));
      setSaved(!refusals.length);
    } catch {
      setErrors([t('common.networkError')]);
    }
  }

  return (
    <Paper withBorder p="lg">
      <form onSubmit={submit}>
        <Stack>
          <FormError>{errors.join(' ')}</FormError>
          {saved && (
            <Alert color="teal" data-testid="form-success">
              {t('common.saved')}
            </Alert>
          )}
          {section === 'registration' ? (
            <Switch
              name="registrationEmailRequired"
              size="md"
              label={t('admin.settings.emailRequired')}
              description={t('admin.settings.emailRequiredHint')}
              checked={values.registrationEmailRequired}
              onChange={(e) => change({ registrationEmailRequired: e.currentTarget.checked })}
            />
          ) : (
            <>
              <NumberInput
                name="autoCloseDays"
                label={t('admin.settings.autoCloseDays')}
                description={t('admin.settings.autoCloseDaysHint')}
                min={1}
                allowDecimal={false}
                value={values.autoCloseDays}
                onChange={(v) => change({ autoCloseDays: Number(v) || 0 })}
              />
              <NumberInput
                name="ticketFeeBasisPoints"
                label={t('admin.settings.ticketFee')}
                description={t('admin.settings.ticketFeeHint', { percent: values.ticketFeeBasisPoints / 100 })}
                min={0}
                max={10000}
                allowDecimal={false}
                value={values.ticketFeeBasisPoints}
                onChange={(v) => change({ ticketFeeBasisPoints: Number(v) || 0 })}
              />
            </>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={loading} data-testid="settings-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
