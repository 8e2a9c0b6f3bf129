import QRCode from 'qrcode';
import type { SendMailOptions } from 'nodemailer';

export interface ConfirmationCode {
  code: string;
  qrUrl: string;
  productTitle: string;
  variantName: string;
  quantity: number;
  validUntil?: Date | null;
}

export interface ConfirmationMail {
  to: string;
  customerName: string;
  orderNumber: string;
  total: number;
  codes: ConfirmationCode[];
  terms: string;
}

/** T4: the trust statement (履約保障) printed on every ticket confirmation. */
export const GUARANTEE_STATEMENT = {
  'zh-TW': '本票券面額為實際（優惠）售價，未核銷之金額已存入信託專戶，專款專用，作為履約保障機制。',
  en: 'The face value of these tickets is the price actually paid; the unredeemed amount is held in a trust account, used only for this purpose, as a performance guarantee.',
};

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const money = (n: number) => `NT$${n.toLocaleString('en-US')}`;
const taipeiDate = (d: Date) => d.toLocaleString('zh-TW', { timeZone: 'Asia/Taipei', dateStyle: 'medium', timeStyle: 'short' });

/** T4: each code as text and as an inline QR image (CID), the terms and the guarantee; zh-TW first, then English. */
export async function buildOrderConfirmation(mail: ConfirmationMail): Promise<SendMailOptions> {
  const attachments = await Promise.all(
    mail.codes.map(async (c) => ({
      filename: `qr-${c.code}.png`,
      content: await QRCode.toBuffer(c.qrUrl, { errorCorrectionLevel: 'M', margin: 2, width: 320 }),
      cid: `qr-${c.code}@e-ticket`,
      contentType: 'image/png',
    })),
  );
  const codeBlocks = mail.codes
    .map(
      (c) => `<tr><td style="padding:12px;border-bottom:1px solid #eee">
        <div style="font-size:16px;font-weight:bold">${escape(c.productTitle)} — ${escape(c.variantName)}</div>
        <div>數量 Quantity: ${c.quantity}${c.validUntil ? ` ・ 使用期限 Valid until: ${taipeiDate(c.validUntil)}` : ''}</div>
        <div style="font-family:monospace;font-size:22px;letter-spacing:2px;margin:8px 0">${c.code}</div>
        <img src="cid:qr-${c.code}@e-ticket" alt="QR code ${c.code}" width="200" height="200">
      </td></tr>`,
    )
    .join('');
  const html = `<!doctype html><html lang="zh-Hant-TW"><body style="font-family:sans-serif;color:#222">
    <h2>電子票券訂單確認 / E-ticket order confirmation</h2>
    <p>${escape(mail.customerName)} 您好，感謝您的購買。訂單編號 ${escape(mail.orderNumber)}，金額 ${money(mail.total)}。<br>
    Thank you for your order ${escape(mail.orderNumber)} (${money(mail.total)}). Show the QR code (or the code) at the counter to redeem.</p>
    <table style="border-collapse:collapse">${codeBlocks}</table>
    <h3>票券注意事項 / Ticket terms</h3><p style="white-space:pre-wrap">${escape(mail.terms || '—')}</p>
    <h3>履約保障 / Guarantee</h3><p>${GUARANTEE_STATEMENT['zh-TW']}<br>${GUARANTEE_STATEMENT.en}</p>
  </body></html>`;
  const text = [
    `電子票券訂單確認 / E-ticket order confirmation`,
    `${mail.customerName} 您好，訂單編號 Order ${mail.orderNumber}，金額 Total ${money(mail.total)}`,
    '',
    ...mail.codes.map((c) => `${c.productTitle} — ${c.variantName} x${c.quantity}\n核銷碼 Code: ${c.code}\n${c.qrUrl}`),
    '',
    `票券注意事項 / Ticket terms:\n${mail.terms || '—'}`,
    '',
    `履約保障 / Guarantee:\n${GUARANTEE_STATEMENT['zh-TW']}\n${GUARANTEE_STATEMENT.en}`,
  ].join('\n');
  return {
    to: mail.to,
    subject: `電子票券訂單確認 ${mail.orderNumber} / Your e-tickets`,
    text,
    html,
    attachments,
    headers: { 'X-Order-Number': mail.orderNumber },
  };
}
