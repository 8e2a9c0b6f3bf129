import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ClerkTicketSearchDocument, type ClerkTicketSearchQuery, type TicketCodeSearchField } from '../../../gql/graphql';
import { Dialog } from '../../../shared/components/Dialog';
import { StatusBadge } from '../../../shared/components/StatusBadge';
import { useI18n } from '../../../shared/i18n';
import { Link, useSearchParams } from '../../../shared/router';

type Page = ClerkTicketSearchQuery['ticketCodes'];
type Row = Page['edges'][number]['node'];

const FIELDS: TicketCodeSearchField[] = ['TICKET_NAME', 'CODE', 'RECIPIENT_NAME', 'RECIPIENT_PHONE', 'ORDER_NUMBER'];
const PAGE = 20;
/** The server counts a search's matches only up to this many (schema: ticketCodes.totalCount). */
const SEARCH_COUNT_CAP = 200;

const isField = (value: unknown): value is TicketCodeSearchField => FIELDS.includes(value as TicketCodeSearchField);
const redeemTo = (code: string) => `/redeem/${encodeURIComponent(code)}?from=list`;

function SearchForm({ field: shownField, query: shownQuery, onSearch }: { field: TicketCodeSearchField; query: string; onSearch(field: TicketCodeSearchField, query: string): void }) {
  const { t } = useI18n();
  const [field, setField] = useState(shownField);
  const [query, setQuery] = useState(shownQuery);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(field, query.trim());
  }
  return (
    <form className="stack tight" role="search" onSubmit={submit}>
      <div className="grid2">
        <label className="stack tight">
          <span className="label">{t('redemption.search.field')}</span>
          <select name="field" className="input" value={field} onChange={(e) => setField(e.currentTarget.value as TicketCodeSearchField)} data-testid="search-field">
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`redemption.search.fields.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="stack tight">
          <span className="label">{t('redemption.search.query')}</span>
          <input
            name="query"
            type="search"
            className="input"
            placeholder={t('redemption.search.queryPlaceholder')}
            value={query}
            inputMode={field === 'RECIPIENT_PHONE' ? 'tel' : 'text'}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setQuery(e.currentTarget.value)}
            data-testid="search-query"
          />
        </label>
      </div>
      <button type="submit" className="btn primary lg" data-testid="search-submit">
        {t('redemption.search.submit')}
      </button>
    </form>
  );
}

/** X4: a split code's new codes and each one's status. */
function SplitDialog({ row, onClose }: { row: Row; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('redemption.split.title')} onClose={onClose}>
      <div className="stack tight" data-testid="split-dialog" data-code={row.code}>
        <p>{t('redemption.split.intro', { code: row.code, count: row.children.length })}</p>
        {row.children.map((child) => (
          <div key={child.code} className="card stack tight" data-testid="split-child" data-code={child.code} data-status={child.status}>
            <div className="row between">
              <span className="mono small wrap">{child.code}</span>
              <StatusBadge status={child.status} />
            </div>
            {child.status === 'ACTIVE' && child.remainingQuantity > 0 && (
              <Link to={redeemTo(child.code)} className="btn" data-testid="split-go-redeem">
                {t('redemption.list.goRedeem')}
              </Link>
            )}
          </div>
        ))}
        <button type="button" className="btn lg" onClick={onClose} data-testid="split-close">
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

function CodeRow({ row, onViewSplit }: { row: Row; onViewSplit(): void }) {
  const { t } = useI18n();
  return (
    <li className="card stack tight" data-testid="code-row" data-code={row.code} data-status={row.status}>
      <div className="row between start">
        <div>
          <div className="lg strong wrap">{row.productTitle}</div>
          <div>{row.variantName}</div>
        </div>
        <StatusBadge status={row.status} />
      </div>
      <div className="grid2">
        <div>
          <div className="dim small">{t('redemption.list.code')}</div>
          <span className="mono small strong wrap" data-testid="row-code">
            {row.code}
          </span>
          {row.parent && <span className="badge outline">{t('redemption.card.splitCode')}</span>}
        </div>
        <div>
          <div className="dim small">{t('redemption.list.remaining')}</div>
          <div className="lg strong" data-testid="row-remaining">
            {row.remainingQuantity} / {row.quantity}
          </div>
        </div>
        <div>
          <div className="dim small">{t('redemption.list.holder')}</div>
          <div className="small">{row.holderName}</div>
          <div className="small">{row.holderPhoneMasked}</div>
        </div>
        <div>
          <div className="dim small">{t('redemption.list.orderNumber')}</div>
          <div className="small wrap">{row.orderNumber}</div>
        </div>
      </div>
      {row.status === 'ACTIVE' && row.remainingQuantity > 0 ? (
        <Link to={redeemTo(row.code)} className="btn primary lg" data-testid="go-redeem">
          {t('redemption.list.goRedeem')}
        </Link>
      ) : (
        row.status === 'SPLIT' &&
        row.children.length > 0 && (
          <button type="button" className="btn lg" onClick={onViewSplit} data-testid="view-split">
            {t('redemption.list.viewSplit')}
          </button>
        )
      )}
    </li>
  );
}

/**
 * 票券核銷列表 (R3, X4) as cards for a phone: search by ticket name, code, recipient name or phone, or order
 * number; "前往核銷" opens the redeem page (LIST). The search lives in the URL (?field=&q=).
 */
export default function RedemptionListPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const rawField = params.get('field');
  const field = isField(rawField) ? rawField : 'TICKET_NAME';
  const query = (params.get('q') ?? '').trim();
  const [split, setSplit] = useState<Row | null>(null);
  const client = useApolloClient();
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState<'first' | 'more' | null>('first');

  /** The first page of this search (fresh on every visit), or the next one appended to what is shown. */
  const load = useCallback(
    async (after?: string | null) => {
      setBusy(after ? 'more' : 'first');
      setError(false);
      try {
        const { data } = await client.query({
          query: ClerkTicketSearchDocument,
          variables: after ? { search: query ? { field, query } : null, first: PAGE, after } : { search: query ? { field, query } : null, first: PAGE },
          fetchPolicy: 'network-only',
        });
        if (data) setPage((shown) => (after && shown ? { ...data.ticketCodes, edges: [...shown.edges, ...data.ticketCodes.edges] } : data.ticketCodes));
      } catch {
        setError(true);
      } finally {
        setBusy(null);
      }
    },
    [client, field, query],
  );

  useEffect(() => {
    setPage(null);
    void load();
  }, [load]);

  const rows = page?.edges.map((e) => e.node) ?? [];
  const loading = !page && busy === 'first';

  function onSearch(nextField: TicketCodeSearchField, nextQuery: string) {
    if (nextField === field && nextQuery === query) void load();
    else setParams(nextQuery ? { field: nextField, q: nextQuery } : { field: nextField });
  }

  return (
    <div className="stack">
      <h1 className="sr-only">{t('clerk.redemptions.title')}</h1>
      <SearchForm key={`${field}:${query}`} field={field} query={query} onSearch={onSearch} />
      {error && !loading && (
        <div className="alert danger lg" role="alert" data-testid="form-error">
          {t('common.networkError')}
        </div>
      )}
      {loading ? (
        <div className="loader" role="status" aria-label={t('common.loading')} />
      ) : rows.length === 0 ? (
        !error && (
          <div className="card center" data-testid="list-empty">
            <div className="lg strong">{t('redemption.list.empty')}</div>
            <div className="dim">{t('redemption.list.emptyHint')}</div>
          </div>
        )
      ) : (
        <>
          <div className="dim" data-testid="list-total">
            {query && (page?.totalCount ?? 0) >= SEARCH_COUNT_CAP ? t('redemption.list.totalAtLeast', { count: SEARCH_COUNT_CAP }) : t('redemption.list.total', { count: page?.totalCount ?? 0 })}
          </div>
          <ul className="stack list">
            {rows.map((row) => (
              <CodeRow key={row.code} row={row} onViewSplit={() => setSplit(row)} />
            ))}
          </ul>
          {page?.pageInfo.hasNextPage && (
            <button type="button" className="btn lg" disabled={busy !== null} onClick={() => void load(page.pageInfo.endCursor)} data-testid="load-more">
              {t('redemption.list.loadMore')}
            </button>
          )}
        </>
      )}
      {split && <SplitDialog row={split} onClose={() => setSplit(null)} />}
    </div>
  );
}
