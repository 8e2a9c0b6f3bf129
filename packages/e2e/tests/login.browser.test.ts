import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from '../src/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('signing in through each SPA in Chromium', () => {
  it('shop: a new shopper registers, signs out, and signs in again', async () => {
    const { page, context } = await newPage(browser);
    const email = `browser-${Date.now()}@example.com`;
    await page.goto(`${inject('shopUrl')}/register`);
    await page.locator('input[name="name"]').fill('瀏覽器買家');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="phone"]').fill('0912888777');
    await page.locator('input[name="password"]').fill('password123');
    await page.getByTestId('register-submit').click();
    await expect.poll(() => page.getByTestId('viewer-name').textContent()).toContain('瀏覽器買家');
    await page.getByTestId('logout').click();
    await page.goto(`${inject('shopUrl')}/login`);
    await signIn(page, email, 'password123');
    await expect.poll(() => page.getByTestId('viewer-name').textContent()).toContain('瀏覽器買家');
    await screenshot(page, 'shop-signed-in');
    await context.close();
  });

  it('shop: the demo shopper signs in; a wrong password shows the error', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${inject('shopUrl')}/login`);
    await signIn(page, 'shopper@example.com', 'wrong-password');
    await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('帳號或密碼錯誤');
    await signIn(page, 'shopper@example.com', 'shopper1234');
    await expect.poll(() => page.getByTestId('viewer-name').textContent()).toContain('陳小美');
    await context.close();
  });

  it('admin: the demo admin signs in and sees their name in the console', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${inject('adminUrl')}/`);
    await signIn(page, 'admin@example.com', 'admin1234');
    await expect.poll(() => page.getByTestId('viewer-name').textContent()).toContain('王店長');
    await screenshot(page, 'admin-signed-in');
    await context.close();
  });

  it('admin: a ticket clerk is refused by the admin console with a clear message', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${inject('adminUrl')}/`);
    await signIn(page, 'clerk@example.com', 'clerk1234');
    await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('此帳號無法登入管理後台');
    await context.close();
  });

  it('clerk: the demo ticket clerk signs in; a shopper is refused with a clear message (S1)', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${inject('clerkUrl')}/`);
    await signIn(page, 'shopper@example.com', 'shopper1234');
    await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('此帳號無法登入核銷系統');
    await signIn(page, 'clerk@example.com', 'clerk1234');
    await expect.poll(() => page.getByTestId('viewer-name').textContent()).toContain('林店員');
    await screenshot(page, 'clerk-signed-in');
    await context.close();
  });
});
