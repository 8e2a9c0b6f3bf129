import { fireEvent, render, screen, within } from '@testing-library/react';
import { TestProviders } from '@ticket/ui/testing';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../../app/AppRoutes';
import { memoryCartStore, orderDetailMock, paidTicketOrder, shopper } from '../../../test/fixtures';

function renderOrder() {
  render(
    <TestProviders route={`/account/orders/${paidTicketOrder.id}`} viewer={shopper} mocks={[orderDetailMock()]}>
      <AppRoutes cartStore={memoryCartStore()} />
    </TestProviders>,
  );
}

const card = (code: string) => screen.getAllByTestId('ticket-code-card').find((c) => within(c).getByTestId('ticket-code').getAttribute('data-code') === code)!;

describe('order page (電子票券訂單查詢)', () => {
  it('T3: shows each code with its quantities: total, redeemed, refunded, remaining', async () => {
    renderOrder();
    expect((await screen.findByTestId('order-number')).textContent).toBe(paidTicketOrder.number);
    expect(screen.getAllByTestId('ticket-code').map((c) => c.textContent)).toEqual(['K7M2QX9PWD', 'R4TNB8HZ3C']);
    const active = card('K7M2QX9PWD');
    expect(['code-quantity', 'code-redeemed', 'code-refunded', 'code-remaining'].map((id) => within(active).getByTestId(id).textContent)).toEqual(['10', '3', '0', '7']);
    expect(within(active).getByText('剩餘')).toBeTruthy();
    // F7: a refunded code is void: no QR to show.
    const refunded = card('R4TNB8HZ3C');
    expect(within(refunded).getByTestId('code-status').textContent).toBe('已退款');
    expect(within(refunded).queryByTestId('show-qr')).toBeNull();
  });

  it('T3: "顯示票券 QR code" opens the QR of the code (a PNG of its qrUrl) with the code under it', async () => {
    renderOrder();
    await screen.findByTestId('order-number');
    fireEvent.click(within(card('K7M2QX9PWD')).getByTestId('show-qr'));
    const modal = await screen.findByTestId('qr-modal');
    expect(within(modal).getByTestId('qr-code-text').textContent).toBe('K7M2QX9PWD');
    const img = await within(modal).findByTestId('qr-image', {}, { timeout: 5000 });
    expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  });
});
