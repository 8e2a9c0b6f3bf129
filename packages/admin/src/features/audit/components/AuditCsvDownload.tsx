import { Button, Stack, Text } from '@mantine/core';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The audit log's CSV export (B5): a real link (new tab, copy the address), and a plain click fetches it first
 * so a refusal (signed out, no AUDIT_READ) is said on the page instead of being saved as a .csv file.
 */
export function AuditCsvDownload({ href, filename }: { href: string; filename: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<number | null>(null);

  async function download(event: MouseEvent<HTMLAnchorElement>) {
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
      <Button component="a" href={href} download={filename} onClick={download} loading={busy} variant="default" data-testid="audit-download">
        {t('admin.audit.download')}
      </Button>
      {failed !== null && (
        <Text size="xs" c="red" role="alert" data-testid="audit-download-error">
          {failed === 401
            ? t('admin.audit.downloadSignedOut')
            : failed === 403
              ? t('admin.audit.downloadForbidden')
              : failed === 0
                ? t('common.networkError')
                : t('admin.audit.downloadFailed', { status: failed })}
        </Text>
      )}
    </Stack>
  );
}
