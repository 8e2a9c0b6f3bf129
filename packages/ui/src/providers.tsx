import '@mantine/core/styles.css';
import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { createTheme, darken, MantineProvider, mergeThemeOverrides, type CSSVariablesResolver } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from './auth/AuthProvider';
import type { SignInApp } from './auth/documents';

/*
 * Colours that pass WCAG AA (4.5:1 for text, issue 15.5, checked by axe in packages/e2e): Mantine's
 * defaults do not (white on teal.6 is 2.6:1, its dimmed grey 3.3:1). Filled colours use shade 9 with
 * black or white text by luminance; links and coloured text are shade 9 darkened; light variants are
 * shade 0 (hover 1) under that darker text.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.18,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif',
  defaultRadius: 'md',
  components: {
    // A wide table scrolls sideways: its scrolling box takes focus, so the arrow keys can scroll it.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});

/** The light scheme's text colours (see the theme), for MantineProvider's `cssVariablesResolver`. */
export const cssVariablesResolver: CSSVariablesResolver = ({ colors }) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      Object.entries(colors).flatMap(([name, shades]) => [
        [`--mantine-color-${name}-text`, darken(shades[9], 0.3)],
        [`--mantine-color-${name}-outline`, darken(shades[9], 0.3)],
        [`--mantine-color-${name}-light`, shades[0]],
        [`--mantine-color-${name}-light-hover`, shades[1]],
        [`--mantine-color-${name}-light-color`, darken(shades[9], 0.3)],
      ]),
    ),
  },
  dark: {},
});

/**
 * Mantine with the theme, and what the theme can't know statically: every dialog's close button named in
 * the UI language (Mantine's has no accessible name of its own; axe rates that critical).
 */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const localized = useMemo(
    () => mergeThemeOverrides(theme, createTheme({ components: { Modal: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } } } })),
    [t],
  );
  return (
    <MantineProvider theme={localized} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

/** Mantine, Apollo and the session, in that order. Routing stays with each app. */
export function AppProviders({ client, app, children }: { client: ApolloClient; app: SignInApp; children: ReactNode }) {
  return (
    <ThemeProvider>
      <ApolloProvider client={client}>
        <AuthProvider app={app}>{children}</AuthProvider>
      </ApolloProvider>
    </ThemeProvider>
  );
}
