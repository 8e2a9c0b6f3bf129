import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Logger } from '../../common/logger.js';

export interface Mailer {
  send(message: SendMailOptions): Promise<{ messageId: string; savedTo?: string }>;
}

/** `SMTP_URL` selects real SMTP; without it (development) each message is written as an .eml file. */
export function createMailer(options: { smtpUrl?: string; mailDir: string; from: string; log: Logger }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(message) {
        const info = await transport.sendMail({ from: options.from, ...message });
        return { messageId: info.messageId };
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      await fs.mkdir(options.mailDir, { recursive: true });
      const file = path.resolve(options.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[<>@]/g, '')}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      options.log.info({ file, to: message.to }, 'mail written (no SMTP_URL set)');
      return { messageId: info.messageId, savedTo: file };
    },
  };
}
