import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, print, type DocumentNode } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlDocuments } from './graphql-documents';
import { mantineStylesPerComponent } from './mantine-styles';

type Transform = (code: string, id: string) => { code: string } | null;
const transformOf = (plugin: { transform?: unknown }) => plugin.transform as Transform;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'split-by-page-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('issue 15.4: GraphQL documents resolved at build (graphql-documents.ts)', () => {
  const transform = transformOf(graphqlDocuments());

  it("codegen's graphql(`...`) becomes the generated constant, imported from the app's gql/graphql; an unknown operation is left as written", () => {
    fs.mkdirSync(path.join(dir, 'src', 'gql'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'src', 'gql', 'graphql.ts'),
      [
        'export const VariantRow_VariantFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VariantRow_variant"}}]} as unknown as DocumentNode;',
        'export const ProductPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductPage"}}]} as unknown as DocumentNode;',
      ].join('\n'),
    );
    const source = [
      "import { graphql } from '../gql';",
      'export const ProductPageDocument = graphql(`',
      '  query ProductPage($id: ID!) { product(id: $id) { id } }',
      '`);',
      'export const Fragment = graphql(`fragment VariantRow_variant on Variant { id }`);',
      'export const Unknown = graphql(`query NotGenerated { viewer { id } }`);',
    ].join('\n');
    const out = transform(source, path.join(dir, 'src', 'features', 'Page.tsx'))!.code;
    expect(out).toContain('export const ProductPageDocument = __gqlDocument_ProductPageDocument;');
    expect(out).toContain('export const Fragment = __gqlDocument_VariantRow_VariantFragmentDoc;');
    expect(out).toContain('export const Unknown = graphql(`query NotGenerated { viewer { id } }`);');
    expect(out).toContain("import { ProductPageDocument as __gqlDocument_ProductPageDocument } from '../gql/graphql';");
    expect(out).toContain("import { VariantRow_VariantFragmentDoc as __gqlDocument_VariantRow_VariantFragmentDoc } from '../gql/graphql';");
    // The file's own lines stay where they were (the imports go last; they are hoisted anyway).
    expect(out.split('\n')[1]).toBe('export const ProductPageDocument = __gqlDocument_ProductPageDocument;');
  });

  it('a fragment and an operation of the same name stop the build with both named (either call would get the first)', () => {
    const other = path.join(dir, 'clash');
    fs.mkdirSync(path.join(other, 'src', 'gql'), { recursive: true });
    fs.writeFileSync(
      path.join(other, 'src', 'gql', 'graphql.ts'),
      [
        'export const GateBoardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GateBoard"}}]} as unknown as DocumentNode;',
        'export const GateBoardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GateBoard"}}]} as unknown as DocumentNode;',
      ].join('\n'),
    );
    const source = ["import { graphql } from '../gql';", 'export const Board = graphql(`query GateBoard { viewer { id } }`);'].join('\n');
    expect(() => transform(source, path.join(other, 'src', 'features', 'Page.tsx'))).toThrow(/GateBoardFragmentDoc and GateBoardDocument are both named GateBoard/);
  });

  it('gql`...` becomes the parsed document; an interpolated fragment is appended once, as graphql-tag does', async () => {
    const source = [
      "import { gql, type TypedDocumentNode } from '@apollo/client';",
      'export const TicketFields = gql`fragment TicketFields on TicketCode { code status }`;',
      'export const Lookup = gql`',
      '  query Lookup($code: String!) { ticketCode(code: $code) { ...TicketFields parent { ...TicketFields } } }',
      '  ${TicketFields}',
      '`;',
    ].join('\n');
    const out = transform(source, path.join(dir, 'documents.ts'))!.code;
    expect(out).not.toMatch(/gql`/);
    // Run it (without the now unused import) and print what it built.
    const module = (await import(`data:text/javascript,${encodeURIComponent(out.replace(/^import .*$/m, ''))}`)) as Record<string, DocumentNode>;
    expect(print(module.TicketFields!)).toBe(print(parse('fragment TicketFields on TicketCode { code status }')));
    expect(print(module.Lookup!)).toBe(
      print(parse('query Lookup($code: String!) { ticketCode(code: $code) { ...TicketFields parent { ...TicketFields } } } fragment TicketFields on TicketCode { code status }')),
    );
  });

  it('does nothing to files without GraphQL, nor to dependencies', () => {
    expect(transform('export const x = 1;', path.join(dir, 'x.ts'))).toBeNull();
    expect(transform("import { gql } from '@apollo/client'; gql`query A { a }`", '/app/node_modules/lib/index.ts')).toBeNull();
  });
});

describe("issue 15.4: Mantine's styles per component (mantine-styles.ts)", () => {
  const transform = transformOf(mantineStylesPerComponent());
  const mantineRoot = fs.realpathSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules', '@mantine', 'core'));

  it("a component's class-name module brings its own stylesheet", () => {
    const id = path.join(mantineRoot, 'esm', 'components', 'Button', 'Button.module.mjs');
    const out = transform('var Button_module_default = { root: "m_77c9d27d" };\nexport { Button_module_default as default };', id)!.code;
    expect(out).toContain(`import ${JSON.stringify(path.join(mantineRoot, 'styles', 'Button.css'))};`);
  });

  it("the app's import of the whole stylesheet keeps the base only", () => {
    const out = transform("import '@mantine/core/styles.css';\nexport const theme = {};", path.join(dir, 'src', 'providers.tsx'))!.code;
    expect(out).not.toContain("'@mantine/core/styles.css'");
    expect(out).toContain("import '@mantine/core/styles/baseline.css';");
    expect(out).toContain("import '@mantine/core/styles/default-css-variables.css';");
    expect(out).toContain("import '@mantine/core/styles/global.css';");
  });
});
