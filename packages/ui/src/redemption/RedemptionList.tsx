import { Button, EmptyState, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { FormError, PageLoader } from '@ticket/ui';
import { isSearchField, TicketCodeList, TicketCodeSearchForm, useTicketCodeSearch, type TicketCodeSearch } from '@ticket/ui/redemption';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

const redeemTo = (code: string) => `/redeem/${encodeURIComponent(code)}?from=list`;

/**
 * 票券核銷列表 (R3): search by ticket name, code, recipient name or phone, or order number; "前往核銷"
 * opens the redeem page with the code filled in; a split original shows its split codes (X4). The search
 * lives in the URL (?field=&q=), so coming back from the redeem page shows the same results.
 */
export function RedemptionListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const field = params.get('field');
  const search: TicketCodeSearch = { field: isSearchField(field) ? field : 'TICKET_NAME', query: params.get('q') ?? '' };
  const result = useTicketCodeSearch(search);

  function onSearch(next: TicketCodeSearch) {
    if (next.field === search.field && next.query === search.query) void result.refetch();
    else setParams(next.query ? { field: next.field, q: next.query } : { field: next.field });
  }

  return (
    <Stack gap="md">
      <VisuallyHidden>
        <Title order={1}>{t('clerk.redemptions.title')}</Title>
      </VisuallyHidden>
      <TicketCodeSearchForm value={search} onSearch={onSearch} />
      {result.error && !result.loading && <FormError size="lg">{t('common.networkError')}</FormError>}
      {result.loading ? (
        <PageLoader />
      ) : result.rows.length === 0 ? (
        !result.error && (
          <EmptyState title={t('redemption.list.empty')} description={t('redemption.list.emptyHint')} data-testid="list-empty" />
        )
      ) : (
        <>
          <Text c="dimmed" data-testid="list-total">
            {t('redemption.list.total', { count: result.totalCount })}
          </Text>
          <TicketCodeList rows={result.rows} redeemTo={redeemTo} />
          {result.hasMore && (
            <Button size="lg" variant="default" loading={result.loadingMore} onClick={() => void result.loadMore()} data-testid="load-more" fullWidth>
              {t('redemption.list.loadMore')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
