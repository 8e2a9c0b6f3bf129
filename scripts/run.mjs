#!/usr/bin/env node
/**
 * The two commands. `npm start` and `npm test` need only Node 20+ and npm: this script installs the
 * pinned pnpm into .tools/ (no root, no global install), installs the workspace, builds it, then
 * starts the product or runs the whole suite. `npm run bench -- <name>` runs a benchmark.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.4.2';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = path.join(root, '.tools');
const pnpmBin = path.join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');
const [command = 'start', ...rest] = process.argv.slice(2);

const started = Date.now();
const step = (message) => console.log(`\n▶ ${message}  (+${((Date.now() - started) / 1000).toFixed(0)}s)`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`✖ ${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

function installedPnpmVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(toolsDir, 'node_modules', 'pnpm', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function ensurePnpm() {
  if (installedPnpmVersion() === PNPM_VERSION) return;
  step(`installing pnpm ${PNPM_VERSION} into .tools/`);
  fs.mkdirSync(toolsDir, { recursive: true });
  fs.writeFileSync(path.join(toolsDir, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--prefix', toolsDir, '--no-audit', '--no-fund', '--no-package-lock', `pnpm@${PNPM_VERSION}`]);
}

const pnpm = (args, options) => run(process.execPath, [pnpmBin, ...args], options);

/** Runs a long-lived child with signals forwarded; resolves with its exit code. */
function supervise(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

ensurePnpm();
step('installing dependencies (pnpm install --frozen-lockfile)');
pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
if (process.env.SKIP_BUILD === '1') step('SKIP_BUILD=1: using the packages as built before');
else {
  step('building the server and the three SPAs');
  pnpm(['-r', '--filter', './packages/*', '--workspace-concurrency=2', 'run', 'build']);
}

const withDatabase = path.join(root, 'packages', 'server', 'dist', 'cli', 'with-database.js');
let code = 0;
if (command === 'start') {
  step('starting: database, migrations, demo data, API and SPAs');
  code = await supervise(process.execPath, [path.join(root, 'packages', 'server', 'dist', 'cli', 'start.js')]);
} else if (command === 'test') {
  step('running the whole suite (server, SPAs, browsers) against one PostgreSQL');
  code = await supervise(process.execPath, [withDatabase, process.execPath, pnpmBin, '-r', '--workspace-concurrency=1', '--no-bail', '--reporter=append-only', 'run', 'test']);
  console.log(code === 0 ? `\n✔ all tests passed in ${((Date.now() - started) / 1000).toFixed(0)}s` : `\n✖ tests failed (exit ${code})`);
} else if (command === 'bench') {
  step(`benchmark ${rest.join(' ')}`);
  code = await supervise(process.execPath, [withDatabase, process.execPath, pnpmBin, '--filter', '@ticket/bench', 'run', ...(rest.length ? rest : ['all'])]);
} else {
  console.error(`unknown command ${command}: use start, test or bench`);
  code = 2;
}
process.exit(code);
