import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { admin } from '../../../test/fixtures';
import { ProductDocument, ProductOfflineSettingsUpdateDocument } from '../api/catalog';
import { ProductEditPage, ProductNewPage } from './ProductFormPage';

const product = (kind: 'TICKET' | 'GOODS', offline: { offlineRedemption: boolean; offlineWindowHours: number }) => ({
  __typename: 'Product',
  id: 'p1',
  kind,
  title: '聖誕音樂會',
  description: '',
  terms: '憑 QR code 入場',
  images: [],
  status: 'ACTIVE',
  validFrom: null,
  validUntil: null,
  shippingFee: 0,
  freeShippingThreshold: null,
  variants: [{ __typename: 'Variant', id: 'v1', name: '全票', price: 800, stockAvailable: 100, saleStartsAt: null, saleEndsAt: null }],
  ...offline,
});
const productMock = (p: ReturnType<typeof product>) => ({ request: { query: ProductDocument, variables: { id: 'p1' } }, result: { data: { product: p } } });
const updateMock = (input: object, payload: { product: object | null; errors: object[] }) => ({
  request: { query: ProductOfflineSettingsUpdateDocument, variables: { input } },
  result: { data: { productOfflineSettingsUpdate: { __typename: 'ProductOfflineSettingsUpdatePayload', ...payload } } },
});
const refusal = (code: string, message: string, field: string | null) => ({ __typename: 'ProductOfflineSettingsUpdateError', code, message, field });

function renderAt(route: string, mocks: object[]) {
  return render(
    <TestProviders app="ADMIN" viewer={admin} route={route} mocks={mocks as never}>
      <Routes>
        <Route path="/products/new" element={<ProductNewPage />} />
        <Route path="/products/:id" element={<ProductEditPage />} />
      </Routes>
    </TestProviders>,
  );
}

const section = () => screen.findByTestId('offline-settings');
const hours = () => document.querySelector<HTMLInputElement>('[name="offlineWindowHours"]')!;
const toggle = () => screen.getByRole('switch', { name: /^開放離線核銷/ }) as HTMLInputElement;

describe('product form: 離線核銷 (B7)', () => {
  it('B7: a ticket shows its saved settings (off by default, 12 hours); turned on for 6 hours, saved with productOfflineSettingsUpdate, and the section says so', async () => {
    const saved = { __typename: 'Product', id: 'p1', offlineRedemption: true, offlineWindowHours: 6 };
    renderAt('/products/p1', [
      productMock(product('TICKET', { offlineRedemption: false, offlineWindowHours: 12 })),
      updateMock({ productId: 'p1', enabled: true, windowHours: 6 }, { product: saved, errors: [] }),
    ]);
    const offline = await section();
    expect(within(offline).getByRole('heading', { name: '離線核銷' })).toBeTruthy();
    expect(toggle().checked).toBe(false);
    expect(hours().value).toBe('12');
    expect(within(offline).getByText('下載後可使用多久：1 到 72 小時（預設 12 小時）')).toBeTruthy();

    fireEvent.click(toggle());
    fireEvent.change(hours(), { target: { value: '6' } });
    fireEvent.click(within(offline).getByTestId('offline-save'));
    expect((await screen.findByTestId('offline-saved')).textContent).toBe('已儲存離線核銷設定');
    expect(toggle().checked).toBe(true);
    expect(hours().value).toBe('6');
    // Saved on its own: the product form stays open with its own 儲存.
    expect(screen.getByTestId('product-save')).toBeTruthy();
  });

  it('B7: refusals by their code: INVALID_INPUT beside the hours, PRODUCT_NOT_FOUND above the button; nothing is saved', async () => {
    renderAt('/products/p1', [
      productMock(product('TICKET', { offlineRedemption: true, offlineWindowHours: 12 })),
      updateMock({ productId: 'p1', enabled: true, windowHours: 48 }, { product: null, errors: [refusal('INVALID_INPUT', '「windowHours」不可大於 24', 'windowHours')] }),
      updateMock({ productId: 'p1', enabled: false, windowHours: 12 }, { product: null, errors: [refusal('PRODUCT_NOT_FOUND', '找不到此商品', 'productId')] }),
    ]);
    const offline = await section();
    // The server is the judge of the bounds (here a stricter one than the form knows).
    fireEvent.change(hours(), { target: { value: '48' } });
    fireEvent.click(within(offline).getByTestId('offline-save'));
    expect(await within(offline).findByText('「windowHours」不可大於 24')).toBeTruthy();
    expect(hours().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('offline-saved')).toBeNull();

    fireEvent.change(hours(), { target: { value: '12' } });
    expect(hours().getAttribute('aria-invalid')).not.toBe('true');
    fireEvent.click(toggle());
    fireEvent.click(within(offline).getByTestId('offline-save'));
    const banner = await within(offline).findByTestId('form-error');
    expect(banner.textContent).toContain('離線核銷設定未儲存');
    expect(banner.textContent).toContain('找不到此商品');
    expect(screen.queryByTestId('offline-saved')).toBeNull();
  });

  it('B7: hours outside 1 to 72 are caught before asking the server', async () => {
    renderAt('/products/p1', [productMock(product('TICKET', { offlineRedemption: false, offlineWindowHours: 12 }))]);
    const offline = await section();
    for (const value of ['0', '73', '']) {
      fireEvent.change(hours(), { target: { value } });
      fireEvent.click(within(offline).getByTestId('offline-save'));
      expect(within(offline).getByText('請輸入 1 到 72 之間的整數')).toBeTruthy();
    }
  });

  it('B7: a new ticket says the setting comes after saving; goods have none', async () => {
    const { unmount } = renderAt('/products/new?kind=TICKET', []);
    expect((await screen.findByTestId('offline-settings-later')).textContent).toContain('儲存票券後');
    expect(screen.queryByRole('switch', { name: /^開放離線核銷/ })).toBeNull();
    unmount();
    renderAt('/products/p1', [productMock(product('GOODS', { offlineRedemption: false, offlineWindowHours: 12 }))]);
    await screen.findByTestId('product-save');
    expect(screen.queryByTestId('offline-settings')).toBeNull();
  });
});
