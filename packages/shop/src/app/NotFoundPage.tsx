import { NotFound } from '../shared/components/NotFound';

export function NotFoundPage() {
  return <NotFound />;
}
