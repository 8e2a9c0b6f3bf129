import http from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  webhookId: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The parsed body if `standardwebhooks` verified it with the receiver's secret, else null. */
  verified: { type: string; timestamp: string; data: any } | null;
  /** What the receiver answered. */
  status: number;
}

/**
 * A real HTTP receiver on this machine, as an integrator would write one: every request is checked with
 * the `standardwebhooks` verifier (signature and timestamp). `answer` decides the status of each request
 * (200 by default); `down()` closes the port and `up()` opens it again on the same port.
 */
export class WebhookReceiver {
  received: Received[] = [];
  secrets: string[] = [];
  answer: (request: { webhookId: string; nth: number }) => number = () => 200;
  private server?: http.Server;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Requests that carried this webhook-id. */
  withId(webhookId: string): Received[] {
    return this.received.filter((r) => r.webhookId === webhookId);
  }

  /** Verified deliveries of events of this type. */
  ofType(type: string): Received[] {
    return this.received.filter((r) => r.verified?.type === type);
  }

  async up(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = { 'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''), 'webhook-signature': String(req.headers['webhook-signature'] ?? '') };
        let verified: Received['verified'] = null;
        for (const secret of this.secrets) {
          try {
            verified = new Webhook(secret).verify(body, headers) as Received['verified'];
            break;
          } catch {
            // not this secret
          }
        }
        const nth = this.withId(headers['webhook-id']).length + 1;
        const status = verified ? this.answer({ webhookId: headers['webhook-id'], nth }) : 401;
        this.received.push({ webhookId: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, verified, status });
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status < 300 ? 'ok' : `no: ${status}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.server = undefined;
  }
}
