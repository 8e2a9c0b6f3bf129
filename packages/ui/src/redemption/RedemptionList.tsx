import { Button, EmptyState, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FormError } from '../components/FormError';
import { PageLoader } from '../components/PageLoader';
import { TicketCodeList } from './TicketCodeList';
import { isSearchField, TicketCodeSearchForm, type TicketCodeSearch } from './TicketCodeSearchForm';
import { useTicketCodeSearch } from './useTicketCodeSearch';

/** The server counts a search's matches only up to this many (schema: ticketCodes.totalCount). */
const SEARCH_COUNT_CAP = 200;

export interface RedemptionListProps {
  /** The redeem page of this app for a code, e.g. `/redeem/{code}?from=list` (recorded as LIST). */
  redeemTo(code: string): string;
  /** `cards` for phones (the clerk app), `table` for a desk (the admin app). */
  layout?: 'cards' | 'table';
  /** Of the search form and the buttons: `lg` for a thumb, `md` at a desk. */
  size?: 'md' | 'lg';
}

/**
 * 票券核銷列表 (R3), for the clerk app and the admin app: search by ticket name, code, recipient name or phone,
 * or order number; "前往核銷" opens the redeem page with the code filled in; a split original shows its split
 * codes (X4). The search lives in the URL (?field=&q=), so coming back from the redeem page shows the same
 * results. The page's title is left to the app.
 */
export function RedemptionList({ redeemTo, layout = 'cards', size = 'lg' }: RedemptionListProps) {
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
      <TicketCodeSearchForm value={search} onSearch={onSearch} size={size} />
      {result.error && !result.loading && <FormError size={size}>{t('common.networkError')}</FormError>}
      {result.loading ? (
        <PageLoader />
      ) : result.rows.length === 0 ? (
        !result.error && (
          <EmptyState title={t('redemption.list.empty')} description={t('redemption.list.emptyHint')} data-testid="list-empty" />
        )
      ) : (
        <>
          <Text c="dimmed" data-testid="list-total">
            {search.query.trim() && result.totalCount >= SEARCH_COUNT_CAP ? t('redemption.list.totalAtLeast', { count: SEARCH_COUNT_CAP }) : t('redemption.list.total', { count: result.totalCount })}
          </Text>
          <TicketCodeList rows={result.rows} redeemTo={redeemTo} layout={layout} />
          {result.hasMore && (
            <Button size={size} variant="default" loading={result.loadingMore} onClick={() => void result.loadMore()} data-testid="load-more" fullWidth>
              {t('redemption.list.loadMore')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
