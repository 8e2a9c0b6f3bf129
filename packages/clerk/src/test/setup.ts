import { cleanup, configure } from '@testing-library/react';
import { installDomShims } from '@ticket/ui/testing';
import { initI18n } from '@ticket/ui';
import { afterEach } from 'vitest';
import { catalogs } from '../app/locales';

// The first render of a file pays for cold imports: more than the default 1 s on a busy machine.
configure({ asyncUtilTimeout: 4000 });
installDomShims();
initI18n(catalogs, 'zh-TW');
afterEach(cleanup);
afterEach(() => localStorage.clear());
