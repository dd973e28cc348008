/**
 * The web edge's guards: a strict Content-Security-Policy (and the other security headers) on
 * every response, and CSRF protection on every write.
 *
 * CSRF: a write (POST, PUT, DELETE) must carry the server's token, in the `X-CSRF-Token` header
 * (the API) or the `_csrf` form field (the pages' forms), and must not come from another origin
 * (a form post must show it is same-origin with Origin or Sec-Fetch-Site, hono's csrf middleware;
 * an Origin header naming another origin is refused on any write). Pages carry the token in
 * `<meta name="csrf-token">` and in each form; `GET /api/csrf` gives it to an integration
 * (another origin cannot read either: the same-origin policy, no CORS headers).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { CONTENT_SECURITY_POLICY } from './config';
import { CsrfRefusedError } from './errors';

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/** A fresh token: one per server (a laptop's single user); a deployed edge passes its own. */
export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({ contentSecurityPolicy: undefined, crossOriginResourcePolicy: 'same-origin', referrerPolicy: 'same-origin' });
  return async (c, next) => {
    await headers(c, next);
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  };
}

const WRITE = /^(POST|PUT|PATCH|DELETE)$/;

/** Origin check (hono/csrf, plus any write naming a foreign Origin), then the token. */
export function csrfProtection(token: string): MiddlewareHandler[] {
  const originCheck: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    if (WRITE.test(c.req.method) && origin !== undefined && origin !== new URL(c.req.url).origin) {
      throw new CsrfRefusedError(`refused: a write from another origin (${origin})`);
    }
    await next();
  };
  const tokenCheck: MiddlewareHandler = async (c, next) => {
    if (WRITE.test(c.req.method) && !sameToken(await presentedToken(c), token)) {
      throw new CsrfRefusedError('refused: this write lacks the CSRF token (send the X-CSRF-Token header from GET /api/csrf, or the form\'s _csrf field)');
    }
    await next();
  };
  // hono/csrf (Origin or Sec-Fetch-Site must say same-origin) guards the forms. A request with the
  // X-CSRF-Token header skips it: a custom header is never sent across origins without a CORS
  // preflight this server never grants, and API clients (curl) send no Origin.
  const formOriginCheck = csrf();
  const formCheck: MiddlewareHandler = async (c, next) => (c.req.header(CSRF_HEADER) ? next() : formOriginCheck(c, next));
  return [formCheck, originCheck, tokenCheck];
}

async function presentedToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    // parseBody caches the body on the request: the route reads it again for free.
    const field = (await c.req.parseBody())[CSRF_FIELD];
    return typeof field === 'string' ? field : undefined;
  }
  return undefined;
}

function sameToken(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
