import { useMutation } from '@apollo/client/react';
import { Button, Group, Notification, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { FormError } from '@ticket/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductOfflineSettingsFragment, ProductOfflineSettingsUpdateErrorCode } from '../../../gql/graphql';
import { ProductOfflineSettingsUpdateDocument } from '../api/catalog';

/** The server's bounds and default for the snapshot window (hours). */
export const OFFLINE_WINDOW = { min: 1, max: 72, default: 12 } as const;

interface Errors {
  windowHours?: string;
  general?: string;
}

/** Where a refusal is shown: under the window field, or above the section's button. */
function placeError(errors: Errors, error: { code: ProductOfflineSettingsUpdateErrorCode; message: string; field?: string | null }): Errors {
  switch (error.code) {
    case 'INVALID_INPUT':
      if (error.field === 'windowHours') return { ...errors, windowHours: error.message };
      return { ...errors, general: [errors.general, error.message].filter(Boolean).join(' ') };
    case 'PRODUCT_NOT_FOUND':
    case 'NOT_A_TICKET_PRODUCT':
      return { ...errors, general: [errors.general, error.message].filter(Boolean).join(' ') };
  }
}

export interface ProductFormOfflineProps {
  /** The saved ticket product; null on 新增票券 (the settings need a product: a hint only). */
  product: ProductOfflineSettingsFragment | null;
}

/**
 * B7, 離線核銷 of one ticket product, under its form: allowed or not (default off) and how many hours a
 * downloaded offline list may be used (1 to 72, default 12). Saved on its own with
 * productOfflineSettingsUpdate (the product's 儲存 does not send it); refusals by their code, beside the
 * window or above the button.
 */
export function ProductFormOffline({ product }: ProductFormOfflineProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" maw={960} aria-labelledby="offline-settings-title" data-testid="offline-settings">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id="offline-settings-title">
            {t('admin.catalog.offline.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('admin.catalog.offline.hint')}
          </Text>
        </div>
        {product ? (
          <OfflineSettingsForm product={product} />
        ) : (
          <Text size="sm" data-testid="offline-settings-later">
            {t('admin.catalog.offline.newProductHint')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function OfflineSettingsForm({ product }: { product: ProductOfflineSettingsFragment }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(product.offlineRedemption);
  const [hours, setHours] = useState<number | string>(product.offlineWindowHours);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const [update, { loading }] = useMutation(ProductOfflineSettingsUpdateDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const windowHours = typeof hours === 'number' ? hours : Number(hours);
    if (hours === '' || !Number.isInteger(windowHours) || windowHours < OFFLINE_WINDOW.min || windowHours > OFFLINE_WINDOW.max) {
      setErrors({ windowHours: t('admin.catalog.offline.windowInvalid') });
      return;
    }
    setErrors({});
    try {
      const { data } = await update({ variables: { input: { productId: product.id, enabled, windowHours } } });
      const payload = data?.productOfflineSettingsUpdate;
      if (!payload) throw new Error('no payload');
      if (payload.errors.length) {
        setErrors(payload.errors.reduce<Errors>(placeError, {}));
        return;
      }
      if (payload.product) {
        setEnabled(payload.product.offlineRedemption);
        setHours(payload.product.offlineWindowHours);
      }
      setSaved(true);
    } catch {
      setErrors({ general: t('common.networkError') });
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {saved && (
          <Notification color="teal" role="status" withBorder onClose={() => setSaved(false)} closeButtonProps={{ 'aria-label': t('admin.catalog.dismiss') }} data-testid="offline-saved">
            {t('admin.catalog.offline.saved')}
          </Notification>
        )}
        <Switch
          name="offlineRedemption"
          label={t('admin.catalog.offline.enabled')}
          description={t('admin.catalog.offline.enabledHint')}
          checked={enabled}
          onChange={(e) => {
            setEnabled(e.currentTarget.checked);
            setSaved(false);
          }}
          data-testid="offline-enabled"
        />
        <NumberInput
          name="offlineWindowHours"
          label={t('admin.catalog.offline.windowHours')}
          description={t('admin.catalog.offline.windowHoursHint')}
          min={OFFLINE_WINDOW.min}
          max={OFFLINE_WINDOW.max}
          step={1}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          inputMode="numeric"
          rightSection={<Text size="sm">{t('admin.catalog.offline.hours')}</Text>}
          rightSectionWidth={56}
          rightSectionPointerEvents="none"
          value={hours}
          onChange={(value) => {
            setHours(value);
            setSaved(false);
            setErrors((e) => ({ ...e, windowHours: undefined }));
          }}
          error={errors.windowHours}
          maw={280}
          data-testid="offline-window"
        />
        {errors.general && <FormError title={t('admin.catalog.offline.saveFailed')}>{errors.general}</FormError>}
        <Group>
          <Button type="submit" variant="light" loading={loading} data-testid="offline-save">
            {t('admin.catalog.offline.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
