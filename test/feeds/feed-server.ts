import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A real HTTP server on 127.0.0.1: each path answers with what the test sets; every request is recorded. */
export class FeedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, (headers: IncomingHttpHeaders) => Reply>();
  private server?: Server;
  base = '';

  route(path: string, reply: Reply | ((headers: IncomingHttpHeaders) => Reply)): void {
    this.routes.set(path, typeof reply === 'function' ? reply : () => reply);
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.requests.push({ path, headers: req.headers });
      const handler = this.routes.get(path);
      const reply = handler ? handler(req.headers) : { status: 404, body: 'not found' };
      res.writeHead(reply.status ?? 200, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

export function rss(items: { guid?: string; title: string; link?: string; text?: string; date?: string }[], title = 'Test Feed'): string {
  const body = items.map((i) => `<item>${i.guid ? `<guid>${i.guid}</guid>` : ''}<title>${i.title}</title>${i.link ? `<link>${i.link}</link>` : ''}<description>${i.text ?? `${i.title}. A report with enough words to be an article about ${i.title.toLowerCase()}.`}</description>${i.date ? `<pubDate>${i.date}</pubDate>` : ''}</item>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.test/</link>${body}</channel></rss>`;
}
