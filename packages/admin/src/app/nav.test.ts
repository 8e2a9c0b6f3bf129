import { describe, expect, it } from 'vitest';
import { canSee, NAV, navTestId } from './nav';

const visible = (permissions: string[]) => NAV.flatMap((g) => g.entries.filter((e) => canSee(e, permissions)).map((e) => navTestId(e.to)));

describe('navigation', () => {
  it('對帳 holds statements, commission and referrers, each hidden from viewers without its permission', () => {
    expect(NAV.find((g) => g.label === 'reconciliation')!.entries.map((e) => navTestId(e.to))).toEqual(['nav-reconciliation', 'nav-commission', 'nav-referrers']);
    expect(visible(['REPORTS_READ'])).toEqual(['nav-reconciliation', 'nav-commission', 'nav-referrers']);
    // Referrers are also read (and created) with SETTINGS_MANAGE; the reports are not.
    expect(visible(['SETTINGS_MANAGE'])).toEqual(['nav-settings-registration', 'nav-settings-auto-close', 'nav-referrers']);
    expect(visible(['ORDERS_READ'])).toEqual(['nav-orders']);
    expect(visible([])).toEqual([]);
  });
});
