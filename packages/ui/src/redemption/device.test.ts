import { describe, expect, it } from 'vitest';
import { deviceLabel } from './device';

describe('deviceLabel', () => {
  it('R2: a redemption names the app and the platform it was made on, plus an id of the browser', () => {
    expect(deviceLabel('clerk', 'Mozilla/5.0 (Linux; Android 14; Pixel 8)')).toMatch(/^clerk Android \S{4}$/);
    expect(deviceLabel('admin', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toMatch(/^admin Windows \S{4}$/);
    expect(deviceLabel('admin', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)')).toMatch(/^admin Mac \S{4}$/);
  });
});
