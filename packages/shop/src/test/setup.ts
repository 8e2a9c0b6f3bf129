import { cleanup } from '@testing-library/react';
import { installDomShims } from '@ticket/ui/testing';
import { initI18n } from '@ticket/ui';
import { afterEach } from 'vitest';
import { catalogs } from '../app/locales';

installDomShims();
initI18n(catalogs, 'zh-TW');
afterEach(() => {
  cleanup();
  localStorage.clear();
});
