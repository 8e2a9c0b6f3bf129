import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { ClerkApp } from '../app/AppRoutes';
import { ClerkProviders, type ClerkProvidersProps } from '../app/providers';
import { memoryStore } from '../shared/offline/memory-store';
import type { OfflineStore } from '../shared/offline/store';
import { MemoryRouter } from '../shared/router';
import { clerk, viewerMock, type TestViewer } from './fixtures';

export interface RenderOptions extends Pick<ClerkProvidersProps, 'subscribeCounts' | 'registerServiceWorker'> {
  /** Who is signed in (default the clerk); `undefined`: the mocks answer `viewer` themselves. */
  viewer?: TestViewer | null | undefined;
  /** The device's offline data (a fresh one in memory by default). */
  store?: OfflineStore;
}

const noCounts = () => () => {};
const noServiceWorker = () => {};

/** The whole clerk app at `route`, with these API answers. */
export function renderClerkApp(route: string, mocks: MockedProviderProps['mocks'] = [], options: RenderOptions = { viewer: clerk }) {
  const store = options.store ?? memoryStore();
  const viewer = 'viewer' in options ? options.viewer : clerk;
  const openStore = async () => store;
  const result = render(
    <MockedProvider mocks={viewer === undefined ? mocks : [viewerMock(viewer), ...(mocks ?? [])]}>
      <ClerkProviders
        language="zh-TW"
        openStore={openStore}
        subscribeCounts={options.subscribeCounts ?? noCounts}
        registerServiceWorker={options.registerServiceWorker ?? noServiceWorker}
      >
        <MemoryRouter initial={route}>
          <ClerkApp />
        </MemoryRouter>
      </ClerkProviders>
    </MockedProvider>,
  );
  return { ...result, store };
}

/** A hardware scanner (keyboard wedge): `text` as a burst of keystrokes into the code field, then Enter. */
export async function scanWithWedge(text: string) {
  const field = (await screen.findByTestId('redeem-code')) as HTMLInputElement;
  for (const key of text) fireEvent.keyDown(document.activeElement ?? field, { key });
  fireEvent.change(field, { target: { value: text } });
  fireEvent.submit(field.closest('form')!);
}
