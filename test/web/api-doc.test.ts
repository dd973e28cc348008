/**
 * docs/api.md against the app's router: every route the dashboard serves is documented (an API
 * route by a `### METHOD path` heading and an example request in a json block, a page route by
 * a row of "The pages"), and nothing documented is missing from the router.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Target } from '../../lambdas/app/target';
import { createDashboard } from '../../lambdas/web/dashboard';

const DOC = readFileSync(path.join(__dirname, '../../docs/api.md'), 'utf8');

/** The router's routes as "METHOD /path" (registering touches no store: a bare target will do). */
function servedRoutes(): string[] {
  const { app } = createDashboard({} as Target, { csrfToken: 't' });
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
}

/** A route as a pattern for a concrete request line: `:id` stands for any path segment. */
function requestPattern(route: string): RegExp {
  const [method, routePath] = route.split(' ');
  const segments = routePath.split('/').map((s) => (s.startsWith(':') ? '[^/\\s?]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${method} ${segments.join('/')}(\\?\\S*)?(\\s|$)`);
}

const headings = DOC.split('\n').filter((l) => l.startsWith('### ')).map((l) => l.slice(4).replace(/\?.*$/, '').trim());
const exampleRequests = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).filter((l) => /^(GET|POST|PUT|DELETE) \//.test(l));
const pagesSection = DOC.slice(DOC.indexOf('## The pages'));
const pageRows = [...pagesSection.matchAll(/^\| `((?:GET|POST|PUT|DELETE) [^`]+)` \|/gm)].map((m) => m[1]);

describe('docs/api.md documents every endpoint the dashboard serves', () => {
  const routes = servedRoutes();
  const apiRoutes = routes.filter((r) => r.split(' ')[1].startsWith('/api/'));
  const pageRoutes = routes.filter((r) => !apiRoutes.includes(r));

  it('finds the routes (the check is not vacuous)', () => {
    expect(apiRoutes).toEqual(expect.arrayContaining(['GET /api/stories', 'GET /api/stories/:id', 'GET /api/watches', 'POST /api/watches', 'DELETE /api/watches/:name']));
    expect(pageRoutes).toEqual(expect.arrayContaining(['GET /', 'GET /stories/:id', 'GET /actors/:id', 'GET /watches', 'GET /feeds', 'GET /alerts']));
  });

  it('each API route has its heading and an example request', () => {
    expect(apiRoutes.filter((r) => !headings.includes(r))).toEqual([]);
    expect(apiRoutes.filter((r) => !exampleRequests.some((line) => requestPattern(r).test(line)))).toEqual([]);
  });

  it('each page route has its row under "The pages"', () => {
    expect(pageRoutes.filter((r) => !pageRows.includes(r))).toEqual([]);
  });

  it('documents no route the router lacks', () => {
    const documented = [...headings.filter((h) => /^(GET|POST|PUT|DELETE) \/api\//.test(h)), ...pageRows];
    expect(documented.filter((d) => !routes.includes(d))).toEqual([]);
    expect(exampleRequests.filter((line) => !routes.some((r) => requestPattern(r).test(line)))).toEqual([]);
  });
});
