import { useTranslation } from 'react-i18next';
import { CsvExportButton } from '../../../components/CsvExportButton';
import { statementCsvUrl } from '../lib/period';

/** L4: the statement's CSV export. */
export function StatementDownload({ period }: { period: string }) {
  const { t } = useTranslation();
  return <CsvExportButton href={statementCsvUrl(period)} label={t('admin.reconciliation.download')} testId="statement-download" />;
}
