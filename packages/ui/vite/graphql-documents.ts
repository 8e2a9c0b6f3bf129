import fs from 'node:fs';
import path from 'node:path';
import { parse, type DefinitionNode, type DocumentNode } from 'graphql';
import type { Plugin } from 'vitest/config';

/*
 * GraphQL documents resolved at build time, so a page's chunk carries its own operations only and no
 * GraphQL parser runs in the browser (issue 15, first-load budgets):
 *
 * - `graphql(`...`)` of GraphQL Code Generator's client preset (`import { graphql } from '../gql'`) becomes
 *   the generated constant itself (`ProductPageDocument` from '../gql/graphql'). At run time `graphql()`
 *   returns that very object from a map of every operation of the app, which no bundler can split: the
 *   preset's documentation asks for this rewrite in production (its Babel plugin does the same).
 * - `gql`...`` (Apollo's graphql-tag, used by @ticket/ui's shared operations, which have no generated
 *   files) becomes the parsed document as a plain object; an interpolated fragment (`${Fragment}`) has
 *   its definitions appended, as graphql-tag does.
 *
 * A call it cannot resolve (an unknown name, an expression inside `graphql()`) is left as it was and
 * still works, only heavier. Development and tests run the calls as written.
 */

const GRAPHQL_IMPORT = /import\s*\{\s*graphql\s*\}\s*from\s*(['"])([^'"]*\/gql)(?:\/index|\/gql)?(?:\.js|\.ts)?\1\s*;?/;
const GRAPHQL_CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const GQL_IMPORT = /import\s*\{[^}]*\bgql\b[^}]*\}\s*from\s*['"](?:@apollo\/client|graphql-tag)['"]/;
const GQL_TAG = /\bgql\s*`([^`]*)`/g;
const FIRST_DEFINITION = /(?:^|[\s{}])(?:query|mutation|subscription|fragment)\s+([_A-Za-z][_0-9A-Za-z]*)/;
/** `export const ProductPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductPage"}`. */
const GENERATED = /export const (\w+) = \{"kind":"Document","definitions":\[\{"kind":"(?:OperationDefinition|FragmentDefinition)",(?:"operation":"\w+",)?"name":\{"kind":"Name","value":"(\w+)"\}/g;

/** Operation or fragment name -> exported constant, per generated graphql.ts (re-read when it changes). */
const generatedCache = new Map<string, { mtimeMs: number; names: Map<string, string> }>();

function generatedNames(file: string): Map<string, string> | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  const cached = generatedCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.names;
  const names = new Map<string, string>();
  for (const [, constant, name] of fs.readFileSync(file, 'utf8').matchAll(GENERATED)) {
    const taken = names.get(name!);
    // A fragment and an operation of one name would make `graphql()` calls of either resolve to the first.
    if (taken && taken !== constant) throw new Error(`graphql-documents: ${taken} and ${constant} are both named ${name} in ${file}: rename one of them`);
    names.set(name!, constant!);
  }
  generatedCache.set(file, { mtimeMs: stat.mtimeMs, names });
  return names;
}

/** The codegen calls of one file, replaced by imports of the generated constants. */
function rewriteCodegenCalls(code: string, id: string): string | null {
  const imported = GRAPHQL_IMPORT.exec(code);
  if (!imported) return null;
  const gqlDir = imported[2]!;
  const names = generatedNames(path.resolve(path.dirname(id), gqlDir, 'graphql.ts'));
  if (!names) return null;
  const used = new Set<string>();
  const rewritten = code.replace(GRAPHQL_CALL, (call, source: string) => {
    if (source.includes('${')) return call;
    const constant = names.get(FIRST_DEFINITION.exec(source)?.[1] ?? '');
    if (!constant) return call;
    used.add(constant);
    return `__gqlDocument_${constant}`;
  });
  if (used.size === 0) return null;
  // Imports are hoisted: written last, they leave the file's lines where they were.
  const imports = [...used].map((c) => `import { ${c} as __gqlDocument_${c} } from '${gqlDir}/graphql';`).join('\n');
  return `${rewritten}\n${imports}\n`;
}

/** Parsed at build time, without source locations (nothing reads them; printing works from the tree). */
function compile(source: string): DocumentNode {
  return parse(source, { noLocation: true });
}

/** Appends interpolated documents' definitions, each fragment once (graphql-tag's result). Hoisted: a function. */
const MERGE_HELPER = `function __gqlMerge(doc, parts) {
  const seen = new Set();
  const definitions = [...doc.definitions, ...parts.flatMap((p) => p.definitions)].filter((d) => d.kind !== 'FragmentDefinition' || (!seen.has(d.name.value) && seen.add(d.name.value)));
  return { kind: 'Document', definitions };
}`;

/** gql`` templates of one file, replaced by their parsed documents. */
function precompileGqlTags(code: string, id: string): string | null {
  if (!GQL_IMPORT.test(code)) return null;
  let merged = false;
  const rewritten = code.replace(GQL_TAG, (tag, template: string) => {
    const parts = template.split(/\$\{\s*([A-Za-z_$][\w$]*)\s*\}/);
    // split() with a capture group: text, name, text, name, ..., text.
    const texts = parts.filter((_, i) => i % 2 === 0);
    const interpolated = parts.filter((_, i) => i % 2 === 1);
    if (texts.some((t) => t.includes('${'))) return tag; // an expression we do not follow: left to graphql-tag
    let doc: DocumentNode;
    try {
      doc = compile(texts.join('\n'));
    } catch (error) {
      throw new Error(`${id}: ${(error as Error).message}`);
    }
    // Empty lists (no arguments, no directives) left out, as in the generated documents.
    const literal = JSON.stringify({ kind: 'Document', definitions: doc.definitions as DefinitionNode[] }, (_key, value: unknown) => (Array.isArray(value) && value.length === 0 ? undefined : value));
    if (interpolated.length === 0) return `(${literal})`;
    merged = true;
    return `/* @__PURE__ */ __gqlMerge(${literal}, [${interpolated.join(', ')}])`;
  });
  if (rewritten === code) return null;
  return merged ? `${rewritten}\n${MERGE_HELPER}\n` : rewritten;
}

export function graphqlDocuments(): Plugin {
  return {
    name: 'ticket:graphql-documents',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.(?:ts|tsx)$/.test(id.split('?')[0]!)) return null;
      let result: string | null = null;
      if (code.includes('graphql(')) result = rewriteCodegenCalls(code, id);
      if (/\bgql\s*`/.test(result ?? code)) result = precompileGqlTags(result ?? code, id) ?? result;
      return result === null ? null : { code: result, map: null };
    },
  };
}
