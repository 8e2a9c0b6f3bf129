import { Button, Stack, Text } from '@mantine/core';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface CsvExportButtonProps {
  /** Same-origin export address (/exports/....csv?...); the session cookie authenticates it. Null: nothing to export yet (disabled). */
  href: string | null;
  /** `orders-export` -> the button, and `orders-export-error` for a refusal. */
  testId: string;
  /** What the button says (default: 匯出 CSV). */
  label?: string;
}

/**
 * A CSV export of a whole list, however long: the server streams it, so the browser must save it to disk
 * as it comes instead of holding it (a plain link). A click first asks the server with HEAD, which reads
 * nothing, so a refusal (signed out, no permission, a bad filter) is said here instead of being saved as
 * the file; then the link is followed.
 */
export function CsvExportButton({ href, testId, label }: CsvExportButtonProps) {
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
      const response = await fetch(href, { method: 'HEAD', credentials: 'same-origin' });
      if (!response.ok) return setFailed(response.status);
      const anchor = document.createElement('a');
      anchor.href = href;
      anchor.download = '';
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
    } catch {
      setFailed(0);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap={2} align="flex-end">
      {href ? (
        <Button component="a" href={href} download onClick={download} loading={busy} variant="default" data-testid={testId}>
          {label ?? t('admin.exports.download')}
        </Button>
      ) : (
        <Button disabled variant="default" data-testid={testId}>
          {label ?? t('admin.exports.download')}
        </Button>
      )}
      {failed !== null && (
        <Text size="xs" c="red" role="alert" data-testid={`${testId}-error`}>
          {failed === 401
            ? t('admin.exports.signedOut')
            : failed === 403
              ? t('admin.exports.forbidden')
              : failed === 0
                ? t('common.networkError')
                : t('admin.exports.failed', { status: failed })}
        </Text>
      )}
    </Stack>
  );
}

/** `/exports/<file>?...` with the given parameters (empty ones left out). */
export function exportUrl(file: string, params: Record<string, string | boolean | readonly string[] | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value == null || value === false || value === '' || (Array.isArray(value) && !value.length)) continue;
    query.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = query.toString();
  return `/exports/${file}${qs ? `?${qs}` : ''}`;
}
