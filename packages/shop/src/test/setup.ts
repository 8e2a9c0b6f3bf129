import { cleanup } from '@testing-library/react';
import { installDomShims } from '@ticket/ui/testing';
import { initI18n } from '@ticket/ui';
import { afterEach } from 'vitest';
import { catalogs } from '../app/locales';

installDomShims();
// jsdom has no FontFaceSet; Mantine's autosize Textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() } });
}
initI18n(catalogs, 'zh-TW');
afterEach(() => {
  cleanup();
  localStorage.clear();
});
