import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Hold the response this long (timeouts). */
  delayMs?: number;
}

/** A stand-in for a Slack incoming webhook on 127.0.0.1: records each POST, answers from a script. */
export class FakeSlackWebhook {
  readonly requests: { headers: IncomingHttpHeaders; body: string; json: unknown }[] = [];
  private replies: SlackReply[] = [];
  private server?: Server;
  url = '';

  /** Replies in order; once used up, every request gets 200 "ok". */
  script(...replies: SlackReply[]): void {
    this.replies = replies;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        let json: unknown;
        try { json = JSON.parse(body); } catch { json = undefined; }
        this.requests.push({ headers: req.headers, body, json });
        const reply = this.replies.shift() ?? { status: 200, body: 'ok' };
        setTimeout(() => {
          res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
          res.end(reply.body ?? (reply.status === 200 ? 'ok' : 'error'));
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/services/T000/B000/XXXX`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
