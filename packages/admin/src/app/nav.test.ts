import { describe, expect, it } from 'vitest';
import { admin } from '../test/fixtures';
import { canSee, landingPath, NAV, navTestId } from './nav';

const visible = (permissions: string[]) => NAV.flatMap((g) => g.entries.filter((e) => canSee(e, permissions)).map((e) => navTestId(e.to)));

describe('navigation', () => {
  it('對帳 holds statements, 金流對帳, commission and referrers, each hidden from viewers without its permission', () => {
    expect(NAV.find((g) => g.label === 'reconciliation')!.entries.map((e) => navTestId(e.to))).toEqual(['nav-reconciliation', 'nav-payment-reconciliation', 'nav-commission', 'nav-referrers']);
    // B7: 離線核銷 is read with REPORTS_READ too.
    expect(visible(['REPORTS_READ'])).toEqual(['nav-dashboard', 'nav-offline', 'nav-reconciliation', 'nav-payment-reconciliation', 'nav-commission', 'nav-referrers']);
    // Referrers are also read (and created) with SETTINGS_MANAGE; the reports are not.
    expect(visible(['SETTINGS_MANAGE'])).toEqual(['nav-settings-registration', 'nav-settings-auto-close', 'nav-referrers']);
    expect(visible(['ORDERS_READ'])).toEqual(['nav-orders']);
    expect(visible([])).toEqual([]);
  });

  it('R3/B2/B7: 商品 holds 票券核銷列表 (TICKETS_READ), 核銷票券頁 (TICKETS_REDEEM), 入場即時看板 (TICKETS_READ) and 離線核銷 (CATALOG_MANAGE or REPORTS_READ)', () => {
    expect(NAV.find((g) => g.label === 'products')!.entries.map((e) => navTestId(e.to))).toEqual([
      'nav-products',
      'nav-purchase-limits',
      'nav-mix-match',
      'nav-redemptions',
      'nav-redeem',
      'nav-gate-board',
      'nav-offline',
    ]);
    expect(visible(['TICKETS_READ', 'TICKETS_REDEEM'])).toEqual(['nav-redemptions', 'nav-redeem', 'nav-gate-board']);
    expect(visible(['TICKETS_READ'])).toEqual(['nav-redemptions', 'nav-gate-board']);
    expect(visible(['CATALOG_MANAGE'])).toEqual(['nav-products', 'nav-purchase-limits', 'nav-mix-match', 'nav-offline']);
  });

  it('B10: 首頁 (the dashboard) comes first, for REPORTS_READ only', () => {
    expect(NAV[0]!.entries.map((e) => navTestId(e.to))).toEqual(['nav-dashboard']);
    expect(visible(['CATALOG_MANAGE', 'ORDERS_READ']).includes('nav-dashboard')).toBe(false);
  });

  it('/ leads to the first page of the menu the admin may open: 首頁 for those who read the reports, else where it led before', () => {
    expect(landingPath(admin.permissions)).toBe('/dashboard');
    expect(landingPath(admin.permissions.filter((p) => p !== 'REPORTS_READ'))).toBe('/products');
    expect(landingPath(['TICKETS_READ', 'TICKETS_REDEEM'])).toBe('/redemptions');
    expect(landingPath(['TICKETS_REDEEM'])).toBe('/redeem');
    expect(landingPath(['REPORTS_READ'])).toBe('/dashboard');
    // Nothing of theirs: the first page, where the server's refusal explains.
    expect(landingPath([])).toBe('/products');
  });
});
