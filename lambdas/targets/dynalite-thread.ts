import { Worker } from 'node:worker_threads';

/**
 * dynalite (the DynamoDB API in Node) on a free loopback port, on a worker thread of its own.
 *
 * Why a thread: profiled on news-cluster-dev (docs/performance.md), the engine (dynalite's
 * request handling, its LevelDB calls and its HTTP server) took as much of the pipeline's thread
 * as the pipeline did. On its own thread it runs on the other core while the pipeline tags the
 * next document; the store still speaks HTTP DynamoDB to it through the one DynamoDB adapter.
 * A thread, not a child process: it dies with the process (kill -9 included), so no orphan can
 * keep the LevelDB files locked after the data-dir lock was taken over.
 */
export interface DynaliteOptions {
  /** LevelDB folder; in memory without it. */
  path?: string;
}

export interface DynaliteThread {
  port: number;
  close(): Promise<void>;
}

/** Failed to start the engine thread, or it stopped by itself. */
export class EmbeddedEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedEngineError';
  }
}

// Plain CommonJS evaluated in the worker: it works the same from the TypeScript sources (tsx)
// and from the CLI bundle, where a separate worker file would need a path of its own.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalitePath);
const server = dynalite({ ...workerData.options, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', (err) => {
  if (err) parentPort.postMessage({ error: String(err && err.stack || err) });
  else parentPort.postMessage({ port: server.address().port });
});
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.close((err) => parentPort.postMessage({ closed: true, error: err ? String(err) : undefined }));
});
`;

export async function startDynaliteThread(options: DynaliteOptions): Promise<DynaliteThread> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { dynalitePath: require.resolve('dynalite'), options: options.path ? { path: options.path } : {} },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port?: number; error?: string }) => {
      if (message.port !== undefined) resolve(message.port);
      else reject(new EmbeddedEngineError(`the embedded DynamoDB engine did not start: ${message.error}`));
    });
    worker.once('error', (error) => reject(new EmbeddedEngineError('the embedded DynamoDB engine did not start', { cause: error })));
  });
  // After start-up, a dead engine shows as failed requests (retryable: the run stops, a rerun
  // resumes); say why once on stderr rather than as an unhandled 'error' event.
  worker.on('error', (error) => process.stderr.write(`the embedded DynamoDB engine stopped: ${error.message}\n`));
  // The engine must not keep a finished command alive; its requests keep the process busy anyway.
  worker.unref();
  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        worker.once('message', () => { void worker.terminate().then(() => resolve()); });
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      });
      return closing;
    },
  };
}
