import { Group, Text, Title } from '@mantine/core';
import { RedemptionList } from '@ticket/ui/redemption';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CsvExportButton, exportUrl } from '../../../components/CsvExportButton';

const redeemTo = (code: string) => `/redeem/${encodeURIComponent(code)}?from=list`;

/** 商品 > 票券核銷列表 (R3, X4): the clerk app's list, as a table for a desk, and every code of it as CSV. */
export function RedemptionListPage() {
  const { t } = useTranslation();
  // The list keeps its search in the address (?field=&q=): the export takes the same one.
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  const href = exportUrl('redemptions.csv', query ? { field: params.get('field'), query } : {});
  return (
    <>
      <Group justify="space-between" align="flex-start" mb="lg">
        <div>
          <Title order={2} mb="xs">
            {t('admin.nav.redemptions')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('admin.redemption.listHint')}
          </Text>
        </div>
        <CsvExportButton href={href} testId="redemptions-export" />
      </Group>
      <RedemptionList redeemTo={redeemTo} layout="table" size="md" />
    </>
  );
}
