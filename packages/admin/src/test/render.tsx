import type { MockedProviderProps } from '@apollo/client/testing/react';
import { render } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { AppRoutes } from '../app/AppRoutes';
import { admin } from './fixtures';

/** The whole admin app (menu included) at `route`, signed in as the demo admin, with these API answers. */
export function renderAdminApp(route: string, mocks: MockedProviderProps['mocks'] = []) {
  return render(
    <TestProviders app="ADMIN" route={route} viewer={admin} mocks={mocks}>
      <AppRoutes />
    </TestProviders>,
  );
}
