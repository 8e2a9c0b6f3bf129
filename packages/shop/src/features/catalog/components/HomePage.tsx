import { useQuery } from '@apollo/client/react';
import { Alert, Button, Center, EmptyState, SimpleGrid, Stack, Title } from '@mantine/core';
import { PageLoader } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductCard_ProductFragment } from '../../../gql/graphql';
import { TicketIcon } from '../../../shared/components/icons';
import { CatalogHomeDocument } from '../api/catalog';
import { ProductCard } from './ProductCard';

const PAGE = 24;

function ProductGrid({ title, products, testId }: { title: string; products: ProductCard_ProductFragment[]; testId: string }) {
  return (
    <Stack gap="sm" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h3">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {products.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** 電子票券 first, then goods; an honest empty state when nothing is on sale. */
export function HomePage() {
  const { t } = useTranslation();
  const [first, setFirst] = useState(PAGE);
  const { data, previousData, loading, error, refetch } = useQuery(CatalogHomeDocument, { variables: { first }, notifyOnNetworkStatusChange: true });
  const shown = data ?? previousData;

  if (!shown && loading) return <PageLoader />;
  if (!shown) {
    return (
      <Alert color="red" title={t('shop.home.loadError')} role="alert">
        <Button variant="light" color="red" size="xs" mt="xs" onClick={() => void refetch()}>
          {t('shop.retry')}
        </Button>
      </Alert>
    );
  }
  const tickets = shown.tickets.edges.map((e) => e.node);
  const goods = shown.goods.edges.map((e) => e.node);
  const more = shown.tickets.pageInfo.hasNextPage || shown.goods.pageInfo.hasNextPage;

  return (
    <Stack gap="xl">
      <Title order={1} size="h2">
        {t('shop.home.title')}
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {t('shop.home.loadError')}
        </Alert>
      )}
      {tickets.length === 0 && goods.length === 0 ? (
        <EmptyState
          icon={<TicketIcon size={32} />}
          title={t('shop.home.empty')}
          description={t('shop.home.emptyHint')}
          data-testid="catalog-empty"
        />
      ) : (
        <>
          {tickets.length > 0 && <ProductGrid title={t('shop.kind.TICKET')} products={tickets} testId="catalog-tickets" />}
          {goods.length > 0 && <ProductGrid title={t('shop.kind.GOODS')} products={goods} testId="catalog-goods" />}
        </>
      )}
      {more && (
        <Center>
          <Button variant="default" loading={loading} onClick={() => setFirst(first + PAGE)}>
            {t('shop.home.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
