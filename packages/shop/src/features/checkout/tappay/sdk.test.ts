import { afterEach, describe, expect, it } from 'vitest';
import { loadTapPaySdk, TAPPAY_SDK_URL, type TPDirect } from './sdk';

const scripts = () => [...document.head.querySelectorAll<HTMLScriptElement>('script[data-tappay-sdk]')];

afterEach(() => {
  scripts().forEach((s) => s.remove());
  delete window.TPDirect;
});

describe("TapPay SDK loader (B6: TapPay's script, fetched only when the checkout needs it)", () => {
  it("adds TapPay's script once, however often it is asked, and resolves with TPDirect", async () => {
    const first = loadTapPaySdk();
    const second = loadTapPaySdk();
    expect(scripts().map((s) => s.src)).toEqual([TAPPAY_SDK_URL]);
    expect(TAPPAY_SDK_URL).toMatch(/^https:\/\/js\.tappaysdk\.com\//);
    const sdk = { setupSDK() {} } as unknown as TPDirect;
    window.TPDirect = sdk;
    scripts()[0]!.dispatchEvent(new Event('load'));
    expect(await first).toBe(sdk);
    expect(await second).toBe(sdk);
    // Loaded: no second script.
    expect(await loadTapPaySdk()).toBe(sdk);
    expect(scripts()).toHaveLength(1);
  });

  it('a failed load removes the script and can be tried again', async () => {
    const failed = loadTapPaySdk();
    scripts()[0]!.dispatchEvent(new Event('error'));
    await expect(failed).rejects.toThrow('could not be loaded');
    expect(scripts()).toHaveLength(0);
    void loadTapPaySdk().catch(() => undefined);
    expect(scripts()).toHaveLength(1);
    scripts()[0]!.dispatchEvent(new Event('error'));
  });
});
