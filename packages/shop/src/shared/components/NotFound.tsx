import { useTranslation } from 'react-i18next';
import { ButtonLink, lite } from '../lite';

/** "Not found" with a way back (a page, a product, an order). No Mantine (shared/lite). */
export function NotFound({ title, description, backTo = '/', backLabel }: { title?: string; description?: string; backTo?: string; backLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className={lite.stack} style={{ alignItems: 'center', padding: '2rem 1rem', textAlign: 'center' }} data-testid="not-found">
      <h1 className={lite.heading} style={{ fontSize: '1.25rem' }}>
        {title ?? t('common.notFound')}
      </h1>
      {description && <p className={`${lite.small} ${lite.dimmed}`} style={{ margin: 0 }}>{description}</p>}
      <ButtonLink to={backTo} variant="light">
        {backLabel ?? t('common.backHome')}
      </ButtonLink>
    </div>
  );
}
