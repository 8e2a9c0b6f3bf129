import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { MixMatchDiscount } from '../modules/catalog/mix-match-discount.entity.js';
import { Product, ProductKind, ProductStatus } from '../modules/catalog/product.entity.js';
import { PurchaseLimitGroup } from '../modules/catalog/purchase-limit-group.entity.js';
import { Variant } from '../modules/catalog/variant.entity.js';

const DAY = 86400_000;

/** A few ticket products with ticket types, a purchase limit, a mix-and-match discount and one goods product. */
export async function seedDemoCatalog(em: EntityManager, clock: Clock): Promise<void> {
  const now = clock.now();
  const product = (fields: Partial<Product> & Pick<Product, 'kind' | 'title'>, variants: Pick<Variant, 'name' | 'price'>[] & Partial<Variant>[]) => {
    const p = em.create(Product, { status: ProductStatus.ACTIVE, createdAt: now, updatedAt: now, ...fields });
    variants.forEach((v, position) => p.variants.add(em.create(Variant, { product: p, position, ...v })));
    return p;
  };

  const concert = product(
    {
      kind: ProductKind.TICKET,
      title: '夏日爵士音樂會 Summer Jazz Night',
      description: '台北爵士樂團年度演出，含一杯飲品。Taipei Jazz Orchestra annual concert, one drink included.',
      terms: '1. 本票券限當日使用一次，請於入場時出示 QR code。\n2. 票券售出後可於使用期限前申請退票（以核銷碼為單位）。\n3. 已核銷之票券不得退費。\nShow the QR code at the entrance. Refunds per code before the validity ends; redeemed tickets are not refundable.',
      images: ['https://picsum.photos/seed/jazz/800/450'],
      validFrom: new Date(now.getTime() - DAY),
      validUntil: new Date(now.getTime() + 90 * DAY),
    },
    [
      { name: '早鳥票 Early bird', price: 800, stock: 100 },
      { name: '全票 Standard', price: 1200, stock: 300 },
      { name: '團體票（4人）Group of 4', price: 4000, stock: 30 },
    ],
  );
  const course = product(
    {
      kind: ProductKind.TICKET,
      title: '手沖咖啡入門課 Pour-over Coffee Class',
      description: '兩小時小班教學，含器材與豆子。A two-hour small-group class, equipment and beans included.',
      terms: '課程名額有限，請於使用期限內預約上課時段。One seat per unit; book your session before the validity ends.',
      images: ['https://picsum.photos/seed/coffee/800/450'],
      validUntil: new Date(now.getTime() + 180 * DAY),
    },
    [
      { name: '單堂 Single class', price: 1500, stock: 40 },
      { name: '五堂套票 5-class pass', price: 6500, stock: null },
    ],
  );
  const voucher = product(
    {
      kind: ProductKind.TICKET,
      title: '灌籃高手兌換組 Slam Dunk Exchange Set',
      description: '至門市兌換限定周邊商品。Exchange at the store for limited merchandise.',
      terms: '兌換券可分次使用，每次核銷一組。Redeem one set at a time.',
      images: ['https://picsum.photos/seed/dunk/800/450'],
    },
    [
      { name: '湘北隊兌換組 Shohoku set', price: 350, stock: 200 },
      { name: '陵南隊兌換組 Ryonan set', price: 350, stock: 200 },
    ],
  );
  product(
    {
      kind: ProductKind.GOODS,
      title: '濾掛咖啡禮盒 Drip Coffee Gift Box',
      description: '10 入濾掛咖啡。10 drip bags.',
      shippingFee: 80,
      freeShippingThreshold: 1000,
      images: ['https://picsum.photos/seed/gift/800/450'],
    },
    [{ name: '10 入 10 bags', price: 450, stock: 500 }],
  );
  await em.flush();

  const limit = em.create(PurchaseLimitGroup, { name: '音樂會早鳥限購 Early bird limit', maxQuantity: 4 });
  limit.variants.add(concert.variants[0]!);
  const mixMatch = em.create(MixMatchDiscount, { name: '兌換組任選 2 組 $600 Any 2 sets for $600', requiredQuantity: 2, fixedPrice: 600 });
  mixMatch.variants.add(voucher.variants[0]!, voucher.variants[1]!);
  void course;
  await em.flush();
}
