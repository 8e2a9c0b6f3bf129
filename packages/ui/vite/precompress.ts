import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vitest/config';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** What is worth compressing: text formats (images, fonts and media are compressed already). */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml|ico|map)$/;

export interface CompressedFile {
  file: string;
  raw: number;
  gzip: number;
  br: number;
}

/** Brotli at quality 11 and gzip at level 9: slow, but paid once per build, never per request. */
export async function compressFile(file: string): Promise<CompressedFile | null> {
  const data = await fs.readFile(file);
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  // A variant no smaller than the file itself would only cost the browser time: none then.
  if (br.length >= data.length && gz.length >= data.length) return null;
  if (br.length < data.length) await fs.writeFile(`${file}.br`, br);
  if (gz.length < data.length) await fs.writeFile(`${file}.gz`, gz);
  return { file, raw: data.length, gzip: Math.min(gz.length, data.length), br: Math.min(br.length, data.length) };
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Writes `x.br` and `x.gz` beside every compressible file under `dir`; returns what it wrote. */
export async function precompressDir(dir: string): Promise<CompressedFile[]> {
  const files: string[] = [];
  for await (const file of walk(dir)) if (COMPRESSIBLE.test(file)) files.push(file);
  const done = await Promise.all(files.map(compressFile));
  return done.filter((c): c is CompressedFile => c !== null);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Precompressed brotli and gzip beside the built files, for the SPA server to send by Accept-Encoding
 * (packages/server/src/common/http/spa-server.ts). Runs after every other plugin has written its
 * files (the service worker and the web manifest included), over the whole output folder.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'ticket:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = await precompressDir(outDir);
        const sum = (key: 'raw' | 'gzip' | 'br') => files.reduce((total, f) => total + f[key], 0);
        console.log(`[precompress] ${files.length} files in ${path.relative(process.cwd(), outDir) || '.'}: ${kb(sum('raw'))} raw, ${kb(sum('gzip'))} gzip -9, ${kb(sum('br'))} brotli -11`);
      },
    },
  };
}
