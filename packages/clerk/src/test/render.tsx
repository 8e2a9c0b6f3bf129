import { render } from '@testing-library/react';
import type { MockedProviderProps } from '@apollo/client/testing/react';
import { TestProviders } from '@ticket/ui/testing';
import { AppRoutes } from '../app/AppRoutes';
import { clerk } from './fixtures';

/** The whole clerk app at `route`, signed in as a clerk, with these API answers. */
export function renderClerkApp(route: string, mocks: MockedProviderProps['mocks'] = []) {
  return render(
    <TestProviders app="CLERK" route={route} viewer={clerk} mocks={mocks}>
      <AppRoutes />
    </TestProviders>,
  );
}
