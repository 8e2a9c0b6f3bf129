import type { SendMailOptions } from 'nodemailer';

export interface PasswordResetMail {
  to: string;
  name: string;
  /** `{app URL}/reset-password?token=...` */
  link: string;
  validMinutes: number;
  expiresAt: Date;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const taipeiTime = (d: Date, locale: string) => d.toLocaleString(locale, { timeZone: 'Asia/Taipei', dateStyle: 'medium', timeStyle: 'short' });

/** B9: the password-reset link, single use and valid `validMinutes`; zh-TW first, then English. */
export function buildPasswordResetMail(mail: PasswordResetMail): SendMailOptions {
  const until = { zh: taipeiTime(mail.expiresAt, 'zh-TW'), en: `${taipeiTime(mail.expiresAt, 'en-US')} (Taipei time)` };
  const text = [
    `${mail.name} 您好：`,
    `我們收到重設您帳號密碼的申請。請在 ${mail.validMinutes} 分鐘內（${until.zh} 前）開啟以下連結設定新密碼，連結只能使用一次：`,
    mail.link,
    '如果您沒有提出申請，請忽略這封信，您的密碼不會改變。',
    '',
    `Hello ${mail.name},`,
    `We received a request to reset your account's password. Open this link within ${mail.validMinutes} minutes (before ${until.en}) to choose a new one; it works once:`,
    mail.link,
    "If you did not ask for this, ignore this mail: your password stays as it is.",
  ].join('\n');
  const html = `<!doctype html><html lang="zh-Hant-TW"><body style="font-family:sans-serif;color:#222">
    <h2>重設密碼 / Reset your password</h2>
    <p>${escape(mail.name)} 您好，請在 ${mail.validMinutes} 分鐘內（${escape(until.zh)} 前）開啟以下連結設定新密碼，連結只能使用一次。<br>
    Hello ${escape(mail.name)}, open this link within ${mail.validMinutes} minutes (before ${escape(until.en)}) to choose a new password; it works once.</p>
    <p><a href="${escape(mail.link)}" style="display:inline-block;padding:10px 16px;background:#1c7ed6;color:#fff;text-decoration:none;border-radius:4px">重設密碼 / Reset password</a></p>
    <p style="word-break:break-all;font-size:12px;color:#555">${escape(mail.link)}</p>
    <p style="font-size:12px;color:#555">如果您沒有提出申請，請忽略這封信，您的密碼不會改變。<br>If you did not ask for this, ignore this mail: your password stays as it is.</p>
  </body></html>`;
  return { to: mail.to, subject: '重設密碼 / Reset your password', text, html };
}
