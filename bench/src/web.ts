/**
 * bench/web (issue 15.4): Lighthouse 12.2.3 on the shop's product page, as a shopper's phone would load
 * it (Lighthouse's default mobile emulation and simulated slow 4G), in Debian's Chromium. Builds nothing:
 * the shop must be built already (scripts/run.mjs builds everything first). A fresh database with the
 * demo data, the API in its own process (harness.ts) and the shop's SPA server as in production
 * (brotli, cache headers, CSP: packages/server/src/common/http/spa-server.ts).
 *
 * Prints the performance score and FCP, LCP, TBT, CLS and Speed Index of each run and their median, with
 * the machine's load average (simulated throttling scales what it observes: a busy CPU costs points), and
 * writes the median run's report as HTML and JSON to bench/reports/ (not committed).
 *
 *   RUNS=3 (default)   CHROMIUM_PATH=/usr/bin/chromium (default)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lighthouse from 'lighthouse';
import { freePort, repoRoot, serveSpa } from '@ticket/server';
import { say, startServer } from './harness.js';

const RUNS = Number(process.env.RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** STACK.md trap 8: headless, no sandbox (root), and quiet on a closed network. */
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const METRICS = [
  ['FCP', 'first-contentful-paint'],
  ['LCP', 'largest-contentful-paint'],
  ['TBT', 'total-blocking-time'],
  ['CLS', 'cumulative-layout-shift'],
  ['SI', 'speed-index'],
] as const;

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reportsDir = path.join(benchDir, 'reports');
const shopDist = path.join(repoRoot(), 'packages', 'shop', 'dist');
if (!fs.existsSync(path.join(shopDist, 'index.html'))) throw new Error(`${shopDist} is missing: build the shop first (npm run bench builds everything)`);
if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

/** What this benchmark uses of chrome-launcher. */
interface ChromeLauncher {
  launch(options: { chromePath: string; chromeFlags: string[]; logLevel?: 'silent' }): Promise<{ port: number; kill(): void | Promise<void> }>;
}

/** Lighthouse's own chrome-launcher (a dependency of lighthouse 12.2.3, not of this package). */
async function chromeLauncher(): Promise<ChromeLauncher> {
  const lighthouseDir = fs.realpathSync(path.join(benchDir, 'node_modules', 'lighthouse'));
  const entry = createRequire(path.join(lighthouseDir, 'package.json')).resolve('chrome-launcher');
  return import(pathToFileURL(entry).href);
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const show = (name: string, value: number) => (name === 'CLS' ? value.toFixed(3) : `${Math.round(value)} ms`);

interface Run {
  score: number;
  metrics: Record<string, number>;
  accessibility: number;
  bestPractices: number;
  html: string;
  json: string;
}

const server = await startServer('bench_web');
const spa = await serveSpa({ distDir: shopDist, port: await freePort(), apiUrl: server.url, host: '127.0.0.1' });
const address = spa.address();
const shopUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
const { launch } = await chromeLauncher();
const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
try {
  const products = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ products(kind: TICKET, first: 1) { edges { node { id title } } } }' }),
  }).then((r) => r.json() as Promise<{ data: { products: { edges: { node: { id: string; title: string } }[] } } }>);
  const product = products.data.products.edges[0]?.node;
  if (!product) throw new Error('the demo data has no ticket product');
  const url = `${shopUrl}/products/${product.id}`;
  say(`Lighthouse 12.2.3, mobile emulation, on ${url} (${product.title}); ${RUNS} runs; load average ${load()}`);

  const runs: Run[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const result = await lighthouse(url, { port: chrome.port, output: ['html', 'json'], logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] });
    if (!result) throw new Error('Lighthouse returned nothing');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const [html, json] = result.report as string[];
    const run: Run = {
      score: Math.round((lhr.categories.performance!.score ?? 0) * 100),
      metrics: Object.fromEntries(METRICS.map(([name, id]) => [name, lhr.audits[id]!.numericValue ?? NaN])),
      accessibility: Math.round((lhr.categories.accessibility!.score ?? 0) * 100),
      bestPractices: Math.round((lhr.categories['best-practices']!.score ?? 0) * 100),
      html: html!,
      json: json!,
    };
    runs.push(run);
    say(`run ${i}: performance ${run.score}, ${METRICS.map(([name]) => `${name} ${show(name, run.metrics[name]!)}`).join(', ')} (load average ${load()})`);
  }

  const scores = runs.map((r) => r.score);
  const medianRun = runs.find((r) => r.score === median(scores))!;
  fs.mkdirSync(reportsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = path.join(reportsDir, `web-product-page-${stamp}`);
  fs.writeFileSync(`${base}.report.html`, medianRun.html);
  fs.writeFileSync(`${base}.report.json`, medianRun.json);
  say(
    `shop product page, median of ${RUNS}: performance ${median(scores)} (runs ${scores.join(', ')}), ` +
      METRICS.map(([name]) => `${name} ${show(name, median(runs.map((r) => r.metrics[name]!)))}`).join(', ') +
      `; accessibility ${medianRun.accessibility}, best practices ${medianRun.bestPractices}; load average ${load()} on ${os.cpus().length} cores`,
  );
  say(`report: ${path.relative(process.cwd(), base)}.report.html (.json)`);
} finally {
  await chrome.kill();
  await new Promise((r) => spa.close(r));
  await server.stop();
}
