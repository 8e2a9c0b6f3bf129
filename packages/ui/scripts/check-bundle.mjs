/**
 * After `vite build` of an app with the camera scanner (clerk, admin), run in the app's folder:
 * html5-qrcode (about 110 KB gzip) must stay out of what the page loads up front (the entry chunk and its
 * modulepreloads) and load only when the camera opens (STACK.md).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const upFront = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
// A string only the library itself contains (its element ids and messages), not the import site.
const MARKER = 'html5-qrcode-element';
const eager = upFront.filter((file) => readFileSync(join(dist, file), 'utf8').includes(MARKER));
const lazy = readdirSync(join(dist, 'assets')).filter((file) => file.endsWith('.js') && !upFront.includes(`assets/${file}`) && readFileSync(join(dist, 'assets', file), 'utf8').includes(MARKER));

if (eager.length || !lazy.length) {
  console.error(`check-bundle: html5-qrcode must be a lazy chunk; loaded up front: [${eager.join(', ')}], lazy: [${lazy.join(', ')}]`);
  process.exit(1);
}
console.log(`check-bundle: html5-qrcode only in lazy ${lazy.join(', ')}; up front: ${upFront.join(', ')}`);
