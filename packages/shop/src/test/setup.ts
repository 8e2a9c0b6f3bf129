import { cleanup, configure } from '@testing-library/react';
import { installDomShims } from '@ticket/ui/testing';
import { initI18n } from '@ticket/ui';
import { afterEach } from 'vitest';
import { catalogs } from '../app/locales';

installDomShims();
// Pages are lazy chunks (issue 15): the first render of one in a test file transforms it, which on a
// busy 2-core machine takes more than Testing Library's default 1 s.
configure({ asyncUtilTimeout: 8000 });
// jsdom has no FontFaceSet; Mantine's autosize Textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() } });
}
initI18n(catalogs, 'zh-TW');
afterEach(() => {
  cleanup();
  localStorage.clear();
});
