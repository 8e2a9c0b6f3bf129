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

/** The path of `name`.png under .test-artifacts/screenshots/ (kept when a test fails, to look at). */
function artifactPng(name: string): string {
  const dir = path.resolve(process.cwd(), '..', '..', '.test-artifacts', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** Saves a screenshot under .test-artifacts/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = artifactPng(name);
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

/** Counts the frames the scanner draws and reads: tells a scan loop that stopped from one that reads nothing. */
async function installCameraProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = { drawn: 0, read: 0 };
    Object.assign(window, { cameraProbe: probe });
    const proto = CanvasRenderingContext2D.prototype;
    const draw = proto.drawImage;
    const read = proto.getImageData;
    proto.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      probe.drawn++;
      return (draw as (...a: unknown[]) => void).apply(this, args);
    } as typeof draw;
    proto.getImageData = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      probe.read++;
      return (read as (...a: unknown[]) => ImageData).apply(this, args);
    } as typeof read;
  });
}

/** What a try that read nothing showed: the page's text, the video, the scanner's canvas (saved) and the probe. */
async function describeCameraTry(page: Page, attempt: number): Promise<string> {
  await screenshot(page, `camera-no-read-${attempt}`);
  const text = (await page.locator('body').innerText().catch(() => '?')).replace(/\s+/g, ' ');
  const state = await page
    .evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="camera-scanner"] video');
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="camera-scanner"] canvas');
      return {
        video: video ? `${video.videoWidth}x${video.videoHeight} shown ${video.clientWidth}x${video.clientHeight} paused=${video.paused} t=${video.currentTime.toFixed(1)}` : 'none',
        canvas: canvas ? `${canvas.width}x${canvas.height}` : 'none',
        frame: canvas?.toDataURL('image/png') ?? '',
        probe: JSON.stringify((window as unknown as { cameraProbe?: unknown }).cameraProbe),
      };
    })
    .catch((e: unknown) => ({ video: '?', canvas: '?', frame: '', probe: String(e) }));
  if (state.frame) fs.writeFileSync(artifactPng(`camera-canvas-${attempt}`), Buffer.from(state.frame.split(',')[1] ?? '', 'base64'));
  return `try ${attempt}: ${text}\n  video ${state.video}; canvas ${state.canvas}; frames drawn/read ${state.probe}`;
}

/**
 * R3: opens the clerk's camera (Chromium's fake camera playing a QR code, see qrCameraFeed) and waits for
 * the ticket it reads. About 2 s on an idle machine. The clock starts once the scanner runs (not while the
 * camera and its library load). A try that reads nothing in 20 s is described, and the next one starts
 * from a freshly loaded redeem page (a fresh app, camera and scanner): three tries. When none reads, the
 * error says what each try showed, the frames the scanner drew and read, the requests still open and the
 * last console lines.
 */
export async function readTicketWithCamera(page: Page, tries = 3): Promise<void> {
  const logged: string[] = [];
  const open = new Set<string>();
  page.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logged.push(`pageerror: ${e.message}`));
  page.on('request', (r) => open.add(r.url()));
  page.on('requestfinished', (r) => open.delete(r.url()));
  page.on('requestfailed', (r) => {
    open.delete(r.url());
    logged.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  const seen: string[] = [];
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (attempt > 1) {
      // A fresh page at /redeem: a code read late (now in the URL) does not count for this try.
      await page.goto(new URL('/redeem', page.url()).href);
      await page.getByTestId('redeem-code').waitFor();
    }
    await installCameraProbe(page);
    await page.getByTestId('open-camera').click();
    // Running, or already read (a code of 2 units closes the camera for the card).
    await page.locator('[data-testid="camera-scanner"][data-scanning="true"], [data-testid="ticket-card"]').first().waitFor({ timeout: 30_000 });
    const read = await page
      .getByTestId('ticket-card')
      .waitFor({ timeout: 20_000 })
      .then(() => true)
      .catch(() => false);
    if (read) return;
    seen.push(`${await describeCameraTry(page, attempt)}\n  requests open: ${[...open].join(', ') || 'none'}`);
  }
  throw new Error(`the camera read no ticket in ${tries} tries\n${seen.join('\n')}\n${logged.slice(-20).join('\n')}`);
}
