import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vitest/config';

/*
 * Mantine's stylesheet per component, in the chunk of the page that draws it (issue 15, first-load
 * budgets): `@mantine/core/styles.css` is 36 KB gzip for all 100-odd components, and an app imports it
 * whole. At build, that import keeps only the base (baseline, CSS variables, global), and each
 * component's class-name module (`Button.module.mjs`, which every styled component imports) brings its
 * own `styles/Button.css`, as Mantine documents for importing styles per component. Vite then puts each
 * stylesheet beside the chunk that uses it and loads it with that chunk. The order is Mantine's own:
 * a component's module comes after the components it is built from, so their styles come first.
 *
 * Nothing to do when adding a page or a component. Development (`vite`) keeps the whole stylesheet.
 */

const FULL_STYLESHEET = /import\s*['"]@mantine\/core\/styles\.css['"]\s*;?/;
const BASE = ['baseline', 'default-css-variables', 'global'].map((name) => `import '@mantine/core/styles/${name}.css';`).join('\n');
const CLASS_MODULE = /[\\/]@mantine[\\/]core[\\/]esm[\\/].*[\\/]([A-Za-z]+)\.module\.mjs$/;

export function mantineStylesPerComponent(): Plugin {
  return {
    name: 'ticket:mantine-styles-per-component',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0]!;
      const component = CLASS_MODULE.exec(file);
      if (component) {
        const packageRoot = file.slice(0, file.lastIndexOf(`${path.sep}esm${path.sep}`));
        const stylesheet = path.join(packageRoot, 'styles', `${component[1]}.css`);
        return fs.existsSync(stylesheet) ? { code: `${code}\nimport ${JSON.stringify(stylesheet)};\n`, map: null } : null;
      }
      if (!file.includes('/node_modules/') && FULL_STYLESHEET.test(code)) return { code: code.replace(FULL_STYLESHEET, BASE), map: null };
      return null;
    },
  };
}
