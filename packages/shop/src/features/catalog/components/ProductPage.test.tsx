import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../app/AppRoutes';
import { addToCarts, EMPTY_CARTS } from '../../../shared/cart';
import { concert, giftBox, memoryCartStore as memoryStore, productPageMock, TERMS } from '../../../test/fixtures';


async function renderProduct(product: typeof concert | typeof giftBox, store = memoryStore()) {
  render(
    <TestProviders route={`/products/${product.id}`} viewer={null} mocks={[productPageMock(product)]}>
      <AppRoutes cartStore={store} />
    </TestProviders>,
  );
  await screen.findAllByTestId('variant-row');
  return store;
}

const row = (variantId: string) => document.querySelector<HTMLElement>(`[data-testid="variant-row"][data-variant-id="${variantId}"]`)!;

describe('product page', () => {
  it('K2: a ticket product shows its terms (票券注意事項), validity and ticket types; sold out is disabled', async () => {
    await renderProduct(concert);
    expect(screen.getByTestId('ticket-terms').textContent).toContain(TERMS.split('\n')[0]);
    expect(screen.getByTestId('product-validity').textContent).toContain('2027');
    expect(within(row('v-early')).getByText('剩餘 100')).toBeTruthy();
    expect(within(row('v-group')).getByText('已售完')).toBeTruthy();
    expect(within(row('v-group')).getByTestId('variant-qty-plus').hasAttribute('disabled')).toBe(true);
  });

  it('K1: tickets go to the ticket cart, and the shopper is told when the goods cart already has items', async () => {
    const store = memoryStore();
    store.update((c) => addToCarts(c, [{ kind: 'GOODS', productId: 'p-gift', productTitle: '濾掛咖啡禮盒', variantId: 'v-gift', variantName: '10 入', unitPrice: 450, quantity: 1, image: null, shippingFee: 80, freeShippingThreshold: 1000 }]).carts);
    await renderProduct(concert, store);
    expect(screen.getByTestId('cart-badge').textContent).toBe('1');

    fireEvent.click(within(row('v-early')).getByTestId('variant-qty-plus'));
    fireEvent.click(within(row('v-early')).getByTestId('variant-qty-plus'));
    fireEvent.click(within(row('v-full')).getByTestId('variant-qty-plus'));
    fireEvent.click(screen.getByTestId('add-to-cart'));

    expect(screen.getByTestId('cart-notice').textContent).toContain('票券與一般商品需分開結帳，已加入票券購物車');
    expect(store.getSnapshot().TICKET.map((l) => [l.variantId, l.quantity])).toEqual([
      ['v-early', 2],
      ['v-full', 1],
    ]);
    expect(store.getSnapshot().GOODS.map((l) => l.variantId)).toEqual(['v-gift']);
    expect(screen.getByTestId('cart-badge').textContent).toBe('4');
    // The steppers start over after adding.
    expect(within(row('v-early')).getByTestId('variant-qty').textContent).toBe('0');
  });

  it('K1: goods go to the goods cart; no warning while the ticket cart is empty', async () => {
    const store = await renderProduct(giftBox);
    expect(screen.queryByTestId('ticket-terms')).toBeNull();
    fireEvent.click(screen.getByTestId('variant-qty-plus'));
    fireEvent.click(screen.getByTestId('add-to-cart'));
    expect(screen.getByTestId('cart-notice').textContent).toBe('已加入一般商品購物車查看購物車');
    expect(store.getSnapshot()).toEqual({ ...EMPTY_CARTS, GOODS: [expect.objectContaining({ variantId: 'v-gift', quantity: 1, shippingFee: 80 })] });
  });

  it('asks for a quantity instead of adding nothing', async () => {
    const store = await renderProduct(concert);
    fireEvent.click(screen.getByTestId('add-to-cart'));
    expect(screen.getByText('請先選擇數量。')).toBeTruthy();
    expect(store.getSnapshot()).toEqual(EMPTY_CARTS);
  });
});
