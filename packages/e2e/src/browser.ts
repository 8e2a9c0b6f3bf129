import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, quiet on a closed network; optionally with a fake camera playing `cameraY4m`. */
export async function launchBrowser(options: { cameraY4m?: string } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ];
  if (options.cameraY4m) {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${options.cameraY4m}`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args, headless: true });
}

export async function newPage(browser: Browser, options: { locale?: string; permissions?: string[] } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale ?? 'zh-TW', viewport: { width: 1280, height: 900 }, permissions: options.permissions });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Saves a screenshot under .test-artifacts/ (kept when a test fails, to look at). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve(process.cwd(), '..', '..', '.test-artifacts', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * A Chromium fake-camera feed (a .y4m file) showing `text` as a QR code, as easy to decode as a QR gets:
 * low error correction (fewer, larger modules), pure black on white, filling the frame's height with a
 * thin quiet zone, scaled without smoothing.
 */
export async function qrCameraFeed(text: string): Promise<string> {
  const dir = tempDir();
  const png = path.join(dir, 'qr.png');
  const y4m = path.join(dir, 'qr.y4m');
  await QRCode.toFile(png, text, { width: 480, margin: 2, errorCorrectionLevel: 'L', color: { dark: '#000000', light: '#ffffff' } });
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', png, '-vf', 'scale=640:480:force_original_aspect_ratio=decrease:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=white,format=yuv420p', '-r', '10', '-t', '1', '-f', 'yuv4mpegpipe', y4m]);
  return y4m;
}
