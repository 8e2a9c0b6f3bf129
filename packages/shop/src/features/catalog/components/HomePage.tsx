import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductCard_ProductFragment } from '../../../gql/graphql';
import { TicketIcon } from '../../../shared/components/icons';
import { Alert, Button, lite, PageSpinner } from '../../../shared/lite';
import { CatalogHomeDocument } from '../api/catalog';
import css from './catalog.module.css';
import { ProductCard } from './ProductCard';

const PAGE = 24;

function ProductGrid({ title, products, testId }: { title: string; products: ProductCard_ProductFragment[]; testId: string }) {
  return (
    <section className={lite.stack} aria-label={title} data-testid={testId}>
      <h2 className={lite.heading} style={{ fontSize: '1.375rem' }}>
        {title}
      </h2>
      <div className={css.grid}>
        {products.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </div>
    </section>
  );
}

/**
 * 電子票券 first, then goods; an honest empty state when nothing is on sale. Drawn without Mantine
 * (shared/lite): the shop's landing page, held to the first-load budget with the product page.
 */
export function HomePage() {
  const { t } = useTranslation();
  const [first, setFirst] = useState(PAGE);
  const { data, previousData, loading, error, refetch } = useQuery(CatalogHomeDocument, { variables: { first }, notifyOnNetworkStatusChange: true });
  const shown = data ?? previousData;

  if (!shown && loading) return <PageSpinner />;
  if (!shown) {
    return (
      <Alert color="red" title={t('shop.home.loadError')} role="alert">
        <Button variant="danger" size="xs" onClick={() => void refetch()}>
          {t('shop.retry')}
        </Button>
      </Alert>
    );
  }
  const tickets = shown.tickets.edges.map((e) => e.node);
  const goods = shown.goods.edges.map((e) => e.node);
  const more = shown.tickets.pageInfo.hasNextPage || shown.goods.pageInfo.hasNextPage;

  return (
    <div className={lite.stack} style={{ gap: '2rem' }}>
      <h1 className={lite.heading}>{t('shop.home.title')}</h1>
      {error && (
        <Alert color="red" role="alert">
          {t('shop.home.loadError')}
        </Alert>
      )}
      {tickets.length === 0 && goods.length === 0 ? (
        <div className={css.empty} data-testid="catalog-empty">
          <TicketIcon size={32} />
          <p className={lite.heading} style={{ color: '#000' }}>
            {t('shop.home.empty')}
          </p>
          <p className={lite.small} style={{ margin: 0 }}>
            {t('shop.home.emptyHint')}
          </p>
        </div>
      ) : (
        <>
          {tickets.length > 0 && <ProductGrid title={t('shop.kind.TICKET')} products={tickets} testId="catalog-tickets" />}
          {goods.length > 0 && <ProductGrid title={t('shop.kind.GOODS')} products={goods} testId="catalog-goods" />}
        </>
      )}
      {more && (
        <div style={{ display: 'flex', justifyContent: 'center' }}>
          <Button variant="default" disabled={loading} aria-busy={loading} onClick={() => setFirst(first + PAGE)}>
            {t('shop.home.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
