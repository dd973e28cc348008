/**
 * The dashboard's static files (lambdas/web/assets: CSS, a small script, the icon), served as
 * they are: no build step. They are read from the package root, found by walking up from this
 * module, so the sources (lambdas/web) and the CLI bundle (dist/) find the same files.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

export function assetsDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'lambdas', 'web', 'assets');
}

/** The named asset, or undefined for a name that is not one (no path outside the folder is read). */
export function loadAssets(dir = assetsDir()): (name: string) => Asset | undefined {
  const cache = new Map<string, Asset>();
  return (name) => {
    if (!/^[a-z0-9-]+\.(css|js|svg|png)$/.test(name)) return undefined;
    const known = cache.get(name);
    if (known) return known;
    const file = path.join(dir, name);
    if (!existsSync(file)) return undefined;
    const body = readFileSync(file);
    const asset = { body, type: TYPES[path.extname(name)], etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` };
    cache.set(name, asset);
    return asset;
  };
}
