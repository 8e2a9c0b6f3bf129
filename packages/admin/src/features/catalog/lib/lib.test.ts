import { describe, expect, it } from 'vitest';
import { allMessages, groupFieldErrors } from './fieldErrors';
import { emptyProduct, productToValues, valuesToInput } from './productForm';
import { isoToTaipeiInput, taipeiInputToIso } from './taipeiTime';

describe('Taipei wall-clock inputs', () => {
  it('reads and writes datetime-local values as Asia/Taipei, whatever the browser zone', () => {
    expect(taipeiInputToIso('2026-12-24T19:00')).toBe('2026-12-24T11:00:00.000Z');
    expect(taipeiInputToIso('2027-01-01T00:30')).toBe('2026-12-31T16:30:00.000Z');
    expect(isoToTaipeiInput('2026-12-31T16:30:00.000Z')).toBe('2027-01-01T00:30');
    expect(isoToTaipeiInput('2026-12-24T19:00:00+08:00')).toBe('2026-12-24T19:00');
  });

  it('treats blank and unreadable values as none', () => {
    expect(taipeiInputToIso('')).toBeNull();
    expect(taipeiInputToIso('2026-12-24')).toBeNull();
    expect(isoToTaipeiInput(null)).toBe('');
    expect(isoToTaipeiInput('nonsense')).toBe('');
  });
});

describe('server field errors', () => {
  it('groups messages by field path, keeps field-less ones under "", and applies aliases', () => {
    const errors = groupFieldErrors(
      [
        { code: 'TITLE_REQUIRED', message: '請填寫商品名稱', field: 'title' },
        { code: 'INVALID_PRICE', message: '售價必須是 0 以上的整數', field: 'variants.1.price' },
        { code: 'INVALID_DISCOUNT', message: '折扣無效', field: 'fixedPrice' },
        { code: 'X', message: '其他', field: null },
      ],
      { fixedPrice: 'discount' },
    );
    expect(errors).toEqual({ title: ['請填寫商品名稱'], 'variants.1.price': ['售價必須是 0 以上的整數'], discount: ['折扣無效'], '': ['其他'] });
    expect(allMessages(errors)).toEqual(['請填寫商品名稱', '售價必須是 0 以上的整數', '折扣無效', '其他']);
  });
});

describe('product form values', () => {
  it('C1: a ticket sends terms and validity but never shipping (K3); blank stock is unlimited', () => {
    const values = {
      ...emptyProduct('TICKET'),
      title: '聖誕音樂會',
      terms: '憑 QR code 入場',
      images: ' https://img.example/cover.jpg \n\nhttps://img.example/2.jpg',
      validFrom: '2026-12-24T18:00',
      shippingFee: 80 as const,
    };
    values.variants = [{ ...values.variants[0]!, name: '早鳥票', price: 800, stock: '', saleEndsAt: '2026-12-01T00:00' }];
    expect(valuesToInput(values)).toEqual({
      title: '聖誕音樂會',
      description: '',
      terms: '憑 QR code 入場',
      images: ['https://img.example/cover.jpg', 'https://img.example/2.jpg'],
      status: 'DRAFT',
      validFrom: '2026-12-24T10:00:00.000Z',
      validUntil: null,
      shippingFee: null,
      freeShippingThreshold: null,
      variants: [{ name: '早鳥票', price: 800, stock: null, saleStartsAt: null, saleEndsAt: '2026-11-30T16:00:00.000Z' }],
    });
  });

  it('C4: goods send shipping and no terms; saved variants keep their id', () => {
    const values = productToValues({
      id: 'p1',
      kind: 'GOODS',
      title: '紀念 T 恤',
      description: '',
      terms: '',
      images: [],
      status: 'ACTIVE',
      validFrom: null,
      validUntil: null,
      shippingFee: 80,
      freeShippingThreshold: 1000,
      variants: [{ id: 'v1', name: 'M', price: 450, stockAvailable: 12, saleStartsAt: null, saleEndsAt: null }],
    });
    expect(valuesToInput(values)).toMatchObject({
      terms: '',
      shippingFee: 80,
      freeShippingThreshold: 1000,
      variants: [{ id: 'v1', name: 'M', price: 450, stock: 12 }],
    });
  });
});
