import { statementCsvUrl } from '../lib/period';
import { CsvDownload } from './CsvDownload';

/** L4: the statement's CSV export. */
export function StatementDownload({ period }: { period: string }) {
  return <CsvDownload href={statementCsvUrl(period)} filename={`statement-${period}.csv`} testId="statement-download" />;
}
