import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressDir } from './precompress';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precompress-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (file: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
};

describe('issue 13.2: the build writes brotli and gzip beside each compressible file', () => {
  it('js, css, html, svg, json, webmanifest and txt get x.br (quality 11) and x.gz (level 9) that decode to the file; images do not', async () => {
    const text = (name: string) => `/* ${name} */\n${Array.from({ length: 300 }, (_, i) => `核銷 line ${i} of ${name}`).join('\n')}`;
    const files = ['index.html', 'assets/index-Cnqv72ni.js', 'assets/index-B5x_9kQa.css', 'icon.svg', 'data.json', 'manifest.webmanifest', 'robots.txt'];
    for (const f of files) write(f, text(f));
    write('icon-192.png', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)));

    const done = await precompressDir(dir);
    expect(done.map((d) => path.relative(dir, d.file)).sort()).toEqual([...files].sort());
    for (const f of files) {
      const raw = fs.readFileSync(path.join(dir, f));
      const br = fs.readFileSync(path.join(dir, `${f}.br`));
      const gz = fs.readFileSync(path.join(dir, `${f}.gz`));
      expect(zlib.brotliDecompressSync(br).equals(raw)).toBe(true);
      expect(zlib.gunzipSync(gz).equals(raw)).toBe(true);
      // The strongest settings: no better than what quality 11 / level 9 give.
      expect(br.length).toBeLessThanOrEqual(zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
      expect(gz.length).toBe(zlib.gzipSync(raw, { level: 9 }).length);
      expect(br.length).toBeLessThan(gz.length);
    }
    expect(fs.existsSync(path.join(dir, 'icon-192.png.br'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'icon-192.png.gz'))).toBe(false);
  });

  it('a variant no smaller than its file is not written', async () => {
    const sub = path.join(dir, 'tiny');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'a.txt'), 'x');
    expect(await precompressDir(sub)).toEqual([]);
    expect(fs.readdirSync(sub)).toEqual(['a.txt']);
  });
});
