import { Button, Stack, Text } from '@mantine/core';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface CsvDownloadProps {
  /** Same-origin export address (/exports/...); the session cookie authenticates it. Null: nothing to export yet (disabled). */
  href: string | null;
  /** The name the file is saved under. */
  filename: string;
  /** `statement-download` -> the button, and `statement-download-error` for a refusal. */
  testId: string;
}

/**
 * A CSV export of the 對帳 pages. A real link (open in a new tab, copy the address); a plain click fetches
 * it first so a refusal (signed out, no permission) is said on the page instead of saving an error as a
 * .csv file.
 */
export function CsvDownload({ href, filename, testId }: CsvDownloadProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<number | null>(null);

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    if (!href) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    setBusy(true);
    setFailed(null);
    try {
      const response = await fetch(href, { credentials: 'same-origin' });
      if (!response.ok) {
        setFailed(response.status);
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = filename;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(0);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap={2} align="flex-end">
      {!href ? (
        <Button disabled data-testid={testId}>
          {t('admin.reconciliation.download')}
        </Button>
      ) : (
        <Button component="a" href={href} download={filename} onClick={download} loading={busy} data-testid={testId}>
          {t('admin.reconciliation.download')}
        </Button>
      )}
      {failed !== null && (
        <Text size="xs" c="red" role="alert" data-testid={`${testId}-error`}>
          {failed === 401
            ? t('admin.reconciliation.downloadSignedOut')
            : failed === 403
              ? t('admin.reconciliation.downloadForbidden')
              : failed === 0
                ? t('common.networkError')
                : t('admin.reconciliation.downloadFailed', { status: failed })}
        </Text>
      )}
    </Stack>
  );
}
