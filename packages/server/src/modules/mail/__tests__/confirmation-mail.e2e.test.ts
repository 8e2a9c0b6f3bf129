import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../common/http/free-port.js';
import { buy, createTicketProduct, eventually } from '../../../../e2e/fixtures.js';
import { startTestApi, type TestApi } from '../../../../e2e/harness.js';
import { Inbox } from '../../../../e2e/inbox.js';

let api: TestApi;
let inbox: Inbox;

beforeAll(async () => {
  inbox = new Inbox(await freePort());
  api = await startTestApi({ smtpUrl: `smtp://127.0.0.1:${inbox.port}` });
});
afterAll(async () => {
  await api?.close();
  await inbox?.down();
});

// jsqr is CommonJS with a default export; under NodeNext typing it arrives as the module object.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('T4: the confirmation email', () => {
  it('T4: arrives over SMTP with each code as text and as an inline QR image that decodes to the qrUrl, with the terms and the guarantee', async () => {
    await inbox.up();
    try {
      const shopper = await api.newShopper();
      const product = await createTicketProduct(api, [
        { name: '早鳥票', price: 200, stock: 10 },
        { name: '全票', price: 300, stock: 10 },
      ]);
      const { order } = await buy(shopper, [
        { variantId: product.variants[0]!.id, quantity: 2 },
        { variantId: product.variants[1]!.id, quantity: 1 },
      ]);
      const mail = await eventually(async () => inbox.messages.find((m) => m.headers.get('x-order-number') === order.number));
      expect((mail.to as { text: string }).text).toBe(shopper.email);
      const codes = order.lines.map((l: any) => l.codes[0]);
      for (const code of codes) {
        expect(mail.text).toContain(code.code);
        const image = mail.attachments.find((a) => a.contentId === `<qr-${code.code}@e-ticket>` || a.cid === `qr-${code.code}@e-ticket`);
        expect(image, `inline image for ${code.code}`).toBeDefined();
        expect(mail.html).toContain(`cid:qr-${code.code}@e-ticket`);
        expect(decodeQr(image!.content)).toBe(code.qrUrl);
      }
      expect(mail.text).toContain('票券注意事項：限本人使用。');
      expect(mail.text).toContain('履約保障');
      expect(mail.subject).toContain(order.number);
    } finally {
      await inbox.down();
    }
  });

  it('T4: with the SMTP server down first, the mail arrives after it comes up, exactly once', async () => {
    const shopper = await api.newShopper();
    const product = await createTicketProduct(api);
    const { order } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }]);
    // the job tries, fails against the closed port and waits for its retry
    await eventually(async () => (await api.app.orm.em.fork().getConnection().execute(`select 1 from jobs.job where name = 'mail.order-confirmation' and data->>'orderId' = ? and state = 'retry'`, [order.id])).length > 0);
    const [job] = await api.app.orm.em.fork().getConnection().execute(`select state, output from jobs.job where name = 'mail.order-confirmation' and data->>'orderId' = ?`, [order.id]);
    expect(job.state).toBe('retry');
    expect(JSON.stringify(job.output)).toContain('ECONNREFUSED');
    await inbox.up();
    try {
      await eventually(async () => inbox.messages.some((m) => m.headers.get('x-order-number') === order.number), 30_000);
      await new Promise((r) => setTimeout(r, 3000)); // time for any duplicate to show up
      expect(inbox.messages.filter((m) => m.headers.get('x-order-number') === order.number)).toHaveLength(1);
    } finally {
      await inbox.down();
    }
  }, 60_000);
});
