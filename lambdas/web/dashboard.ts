/**
 * The dashboard: one Hono app over a Target (the embedded store or the deployed stack), serving
 * the HTML pages, their static assets and the JSON API over the same use cases as the CLI. It is
 * only a fetch handler: `newswatch serve` runs it on Node (@hono/node-server), and the same app
 * can run behind API Gateway or a Lambda function URL (hono/aws-lambda) without change.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Target } from '../app/target';
import { registerApi } from './api';
import { loadAssets } from './assets';
import { answerFor } from './errors';
import { registerPages } from './pages';
import { csrfProtection, newCsrfToken, securityHeaders } from './security';

export interface DashboardOptions {
  /** The CSRF token writes must carry (default: a fresh random one for this app). */
  csrfToken?: string;
  clock?: () => Date;
  /** Where failures (5xx) are logged. */
  logError?: (error: unknown, where: string) => void;
  /** The static files' folder (default: lambdas/web/assets under the package root). */
  assetsDir?: string;
}

export interface Dashboard {
  app: Hono;
  csrfToken: string;
}

export function createDashboard(target: Target, options: DashboardOptions = {}): Dashboard {
  const csrfToken = options.csrfToken ?? newCsrfToken();
  const now = options.clock ?? (() => new Date());
  const logError = options.logError ?? ((error, where) => console.error(`newswatch serve: ${where}:`, error));
  const asset = loadAssets(options.assetsDir);
  const app = new Hono();

  app.use('*', securityHeaders());
  app.use('*', ...csrfProtection(csrfToken));

  app.get('/assets/:name', (c) => {
    const found = asset(c.req.param('name'));
    if (!found) return c.text('no such asset', 404);
    if (c.req.header('if-none-match') === found.etag) return c.body(null, 304);
    return c.body(new Uint8Array(found.body), 200, { 'Content-Type': found.type, ETag: found.etag, 'Cache-Control': 'no-cache' });
  });
  app.get('/favicon.ico', (c) => c.redirect('/assets/icon.svg', 301));

  registerApi(app, { target, csrfToken, now });
  registerPages(app, { target, csrfToken, now });

  app.notFound((c) => (c.req.path.startsWith('/api/')
    ? c.json({ error: `no API endpoint ${c.req.method} ${c.req.path} (see docs/api.md)` }, 404)
    : c.text(`Not found: ${c.req.path}`, 404)));

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      // hono/csrf's refusal of a cross-origin form post.
      return c.json({ error: 'refused: a write from another origin' }, error.status);
    }
    const answer = answerFor(error);
    if (answer.status >= 500) logError(error, `${c.req.method} ${c.req.path}`);
    return c.req.path.startsWith('/api/') || !c.req.header('accept')?.includes('text/html')
      ? c.json({ error: answer.message }, answer.status)
      : c.text(answer.message, answer.status);
  });
  return { app, csrfToken };
}
