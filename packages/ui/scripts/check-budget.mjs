/**
 * Issue 13.1: what an app's first load costs, from its built index.html: the entry script, its
 * modulepreloads (and, to be sure, every chunk they import statically) and the stylesheets, each gzipped
 * at level 9 as the SPA server sends it. Exits 1 over budget.
 *
 *   node ../ui/scripts/check-budget.mjs <dist> <JS limit KB> <CSS limit KB> [<JS + CSS limit KB>]
 *
 * prints e.g. "clerk first load: 121.4 KB gzip JS (limit 130), 3.1 KB CSS (limit 20)". A limit given as
 * `-` is not checked; with the combined limit (issue 15: the shop's 170 KB, the admin's 250 KB) it prints
 * "shop first load: 166.4 KB gzip JS + 2.9 KB CSS = 169.3 KB (limit 170)".
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const [distArg = 'dist', jsArg, cssArg, totalArg] = process.argv.slice(2);
const dist = resolve(distArg);
/** A limit in KB, Infinity for `-` (not checked), NaN when malformed. */
const limit = (arg) => (arg === '-' ? Infinity : Number(arg));
const jsLimit = limit(jsArg);
const cssLimit = limit(cssArg);
const totalLimit = totalArg === undefined ? Infinity : limit(totalArg);
if ([jsLimit, cssLimit, totalLimit].some(Number.isNaN) || jsArg === undefined || cssArg === undefined) {
  console.error('usage: check-budget.mjs <dist> <JS limit KB> <CSS limit KB> [<JS + CSS limit KB>] (a limit of - is not checked)');
  process.exit(2);
}
const app = basename(dirname(dist));
const html = readFileSync(join(dist, 'index.html'), 'utf8');

/** Same-origin URLs of the tags matching `tag` and holding `attr`, as paths inside dist. */
function urls(tagPattern, attr) {
  const found = [];
  for (const [tag] of html.matchAll(tagPattern)) {
    const value = new RegExp(`\\s${attr}="([^"]+)"`).exec(tag)?.[1];
    if (value && !/^(?:[a-z]+:)?\/\//i.test(value)) found.push(value.replace(/^\//, '').split(/[?#]/)[0]);
  }
  return found;
}

const scripts = [...urls(/<script\b[^>]*type="module"[^>]*>/g, 'src'), ...urls(/<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href')];
const styles = urls(/<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href');

// Static imports between chunks load up front as well, preloaded or not: follow them (not import()).
const js = new Set();
const queue = [...scripts];
while (queue.length) {
  const file = posix.normalize(queue.shift());
  if (js.has(file)) continue;
  const path = join(dist, file);
  if (!existsSync(path)) {
    console.error(`check-budget: ${file} is named by index.html but missing from ${dist}`);
    process.exit(1);
  }
  js.add(file);
  const code = readFileSync(path, 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)) {
    if (m[1].startsWith('.')) queue.push(posix.join(posix.dirname(file), m[1]));
  }
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const jsKb = kb([...js].reduce((sum, f) => sum + gz(f), 0));
const cssKb = kb(styles.reduce((sum, f) => sum + gz(f), 0));

const totalKb = kb([...js, ...styles].reduce((sum, f) => sum + gz(f), 0));
const limitNote = (value) => (value === Infinity ? '' : ` (limit ${value})`);
console.log(
  totalArg === undefined
    ? `${app} first load: ${jsKb} KB gzip JS (limit ${jsLimit}), ${cssKb} KB CSS (limit ${cssLimit})`
    : `${app} first load: ${jsKb} KB gzip JS${limitNote(jsLimit)} + ${cssKb} KB CSS${limitNote(cssLimit)} = ${totalKb} KB${limitNote(totalLimit)}`,
);
if (process.env.BUDGET_VERBOSE) for (const f of [...js, ...styles]) console.log(`  ${f}: ${kb(gz(f))} KB`);
if (jsKb > jsLimit || cssKb > cssLimit || totalKb > totalLimit) {
  console.error(`check-budget: ${app} is over its first-load budget: ${[...js, ...styles].map((f) => `${f} ${kb(gz(f))} KB`).join(', ')}`);
  process.exit(1);
}
