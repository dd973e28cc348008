import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { serve as serveNode, type ServerType } from '@hono/node-server';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigurationError } from '../core/errors';
import { createDashboard } from '../web/dashboard';
import { examples, withTarget } from './context';

/** `serve`: the dashboard (lambdas/web) on this machine, over the embedded store or the deployed stack. */
export function serveCommands(): Command[] {
  const serve = new Command('serve')
    .description('the dashboard in your browser: stories, coverage timelines, watches, feeds, alerts')
    .addOption(new Option('--port <port>', 'the port to listen on (0: any free one)').default(8080).argParser(port))
    .option('--host <host>', 'the address to bind (loopback by default: the dashboard has no login)', '127.0.0.1')
    .option('--no-open', 'do not open the browser')
    .addHelpText('after', `${examples('newswatch serve', 'newswatch serve --aws --port 9000', 'newswatch serve --data-dir demo --no-open')}
On the embedded store the server holds --data-dir for its whole life (other commands wait for it or
fail): Ctrl-C stops it. Writes need the CSRF token the pages carry (GET /api/csrf; docs/api.md).`)
    .action(async (flags: { port: number; host: string; open: boolean }, command: Command) => withTarget(command, async (target) => {
      const { app } = createDashboard(target);
      const server = await listen(app.fetch, flags.port, flags.host);
      const address = server.address() as AddressInfo;
      const url = `http://${urlHost(flags.host)}:${address.port}/`;
      console.log(`newswatch dashboard on ${target.description}: ${url}  (Ctrl-C stops)`);
      if (!isLoopback(flags.host)) console.error(`warning: listening on ${flags.host}: anyone who can reach it can read and change your watches, feeds and actors`);
      if (flags.open) openInBrowser(url);
      await untilStopped();
      // withTarget closes the target (and lets go of the data dir) once the server is down.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      console.log('newswatch dashboard stopped');
    }));
  return [serve];
}

/** The address cannot be listened on (in use, not this machine's, no permission). */
export class ListenError extends ConfigurationError {}

function listen(fetch: Parameters<typeof serveNode>[0]['fetch'], port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serveNode({ fetch, port, hostname }, () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? `port ${port} is in use: pass another --port (0 picks a free one)`
        : error.code === 'EADDRNOTAVAIL' ? `${hostname} is not an address of this machine: pass another --host`
          : error.code === 'EACCES' ? `no permission to listen on port ${port}: pass a port above 1023`
            : error.message;
      reject(new ListenError(`cannot serve on ${hostname}:${port}: ${why}`, { cause: error }));
    });
  });
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * The system's opener (xdg-open, open, start): a package for this would wrap the same three
 * commands. Failing to open is not an error: the URL is printed.
 */
function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]]
      : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => console.error(`(could not open a browser: open ${url} yourself)`));
    child.unref();
  } catch {
    console.error(`(could not open a browser: open ${url} yourself)`);
  }
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port from 0 to 65535');
  return n;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
