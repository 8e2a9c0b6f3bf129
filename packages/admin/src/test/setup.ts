import { cleanup, configure } from '@testing-library/react';
import { installDomShims } from '@ticket/ui/testing';
import { initI18n } from '@ticket/ui';
import { afterEach } from 'vitest';
import { catalogs } from '../app/locales';

installDomShims();
// Mocked round trips plus Mantine's transitions can pass 1 s on a busy 2-core machine.
configure({ asyncUtilTimeout: 4000 });
// Mantine's autosize Textarea listens for web fonts loading; jsdom has no FontFaceSet.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() } });
}
initI18n(catalogs, 'zh-TW');
afterEach(cleanup);
