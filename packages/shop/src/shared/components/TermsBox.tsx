import { useId } from 'react';
import { lite } from '../lite';

/** K2: the ticket terms (票券注意事項), as the merchant wrote them (line breaks kept). No Mantine (shared/lite). */
export function TermsBox({ title, terms, maxHeight }: { title: string; terms: string; maxHeight?: number }) {
  const id = useId();
  return (
    <section className={lite.paper} style={{ padding: '1rem', background: 'var(--lite-surface)' }} aria-labelledby={id} data-testid="ticket-terms">
      <h2 className={lite.heading} id={id} style={{ marginBottom: '0.625rem', fontSize: '1.125rem' }}>
        {title}
      </h2>
      <div style={{ maxHeight, overflowY: maxHeight ? 'auto' : undefined }} tabIndex={maxHeight ? 0 : undefined} role={maxHeight ? 'region' : undefined} aria-labelledby={maxHeight ? id : undefined}>
        <p className={lite.small} style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {terms}
        </p>
      </div>
    </section>
  );
}
