import { ThemeProvider } from '@ticket/ui';
import { Outlet } from 'react-router';

/**
 * The layout route of the shop's pages built with Mantine: its provider, theme and stylesheet arrive with
 * the first of them (a lazy chunk), not with the first load (the shell, home and product pages are drawn
 * without it, shared/lite; issue 15).
 */
export function WithMantine() {
  return (
    <ThemeProvider>
      <Outlet />
    </ThemeProvider>
  );
}
