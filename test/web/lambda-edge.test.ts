/**
 * The dashboard's app is a plain fetch handler: hono's Lambda adapter runs it, unchanged, on a
 * Lambda function URL event (the stack does not host it yet; this keeps that door open).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handle } from 'hono/aws-lambda';
import { startEmbedded, type EmbeddedRuntime } from '../../lambdas/targets/embedded';
import { CONTENT_SECURITY_POLICY } from '../../lambdas/web/config';
import { createDashboard } from '../../lambdas/web/dashboard';

/** A Lambda function URL event (payload format 2.0), as AWS sends it. */
function functionUrlEvent(method: string, rawPath: string, options: { body?: string; headers?: Record<string, string> } = {}) {
  return {
    version: '2.0', routeKey: '$default', rawPath, rawQueryString: '', cookies: [],
    headers: { host: 'abc123.lambda-url.eu-west-1.on.aws', 'x-forwarded-proto': 'https', ...options.headers },
    requestContext: {
      accountId: '123456789012', apiId: 'abc123', domainName: 'abc123.lambda-url.eu-west-1.on.aws', domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
      requestId: 'r-1', routeKey: '$default', stage: '$default', time: '27/Nov/2026:10:00:00 +0000', timeEpoch: 0,
    },
    body: options.body, isBase64Encoded: false,
  };
}

describe('the dashboard behind a Lambda function URL (hono/aws-lambda)', () => {
  let dir: string;
  let runtime: EmbeddedRuntime;
  let handler: ReturnType<typeof handle>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-web-lambda-'));
    runtime = await startEmbedded({ dataDir: dir, inMemory: true });
    handler = handle(createDashboard(runtime, { csrfToken: 'deployed-secret' }).app);
  });
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the API and the pages with their headers, and checks the CSRF token on writes', async () => {
    const stories = await handler(functionUrlEvent('GET', '/api/stories') as never) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(stories.statusCode).toBe(200);
    expect(stories.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(JSON.parse(stories.body)).toEqual({ stories: [] });

    const page = await handler(functionUrlEvent('GET', '/watches') as never) as { statusCode: number; body: string };
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta name="csrf-token" content="deployed-secret">');

    const watch = JSON.stringify({ name: 'kyiv', keywords: ['Kyiv'] });
    const refused = await handler(functionUrlEvent('POST', '/api/watches', { body: watch, headers: { 'content-type': 'application/json' } }) as never) as { statusCode: number };
    expect(refused.statusCode).toBe(403);
    const added = await handler(functionUrlEvent('POST', '/api/watches', { body: watch, headers: { 'content-type': 'application/json', 'x-csrf-token': 'deployed-secret' } }) as never) as { statusCode: number };
    expect(added.statusCode).toBe(201);
    expect((await runtime.store.listWatches()).map((w) => w.id)).toEqual(['kyiv']);
  });
});
