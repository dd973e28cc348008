import { dirname } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/**
 * dynalite (the DynamoDB API in Node) on a worker thread of its own, reached two ways:
 * - `requestHandler`: the SDK client's HTTP handler for this process. Each request the SDK
 *   built (method, path, headers, JSON body: the DynamoDB wire protocol, as sent to AWS) goes to
 *   the thread as a message and into dynalite's own HTTP request handler; its response comes
 *   back the same way. No socket: profiled (docs/performance.md), loopback HTTP cost a socket
 *   write and an HTTP parse on both threads per request, a fifth of a local ingest.
 * - `port`: the same engine on a loopback port, for other processes and tests (`endpoint`).
 *
 * Why a thread: the engine (dynalite's request handling and its LevelDB calls) took as much of
 * the pipeline's thread as the pipeline did. On its own thread it runs on the other core while
 * the pipeline tags the next document; the store still speaks DynamoDB to it through the one
 * DynamoDB adapter and the SDK. A thread, not a child process: it dies with the process
 * (kill -9 included), so no orphan can keep the LevelDB files locked after the data-dir lock
 * was taken over.
 */
export interface DynaliteOptions {
  /** LevelDB folder; in memory without it. */
  path?: string;
}

/** What the SDK's HTTP handler receives (smithy's HttpRequest, the fields used here). */
interface EngineRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/** A smithy HttpHandler: the SDK serializes, signs and parses as always; only the transport differs. */
export interface EngineRequestHandler {
  handle(request: EngineRequest, options?: { abortSignal?: { aborted?: boolean } }): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

export interface DynaliteThread {
  port: number;
  requestHandler: EngineRequestHandler;
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
// A request message feeds dynalite's HTTP request listener a request of its own making (headers,
// then the body as one 'data' event) and takes what it writes to the response (status, headers, body).
const WORKER_SOURCE = `
const { EventEmitter } = require('node:events');
const { parentPort, workerData } = require('node:worker_threads');
const { ClassicLevel } = require(workerData.classicLevelPath);
// LevelDB reads on this thread, not on libuv's pool: dynalite reads a dozen keys a request
// (its table, each item it checks or updates), and each async read cost ~50 µs of scheduling
// against ~4 µs for the read itself (docs/performance.md). Writes stay asynchronous.
ClassicLevel.prototype._get = async function (key, options) { return this._getSync(key, options); };
// LevelDB writes issued in one turn of this thread's event loop go out as one atomic batch: each
// write on its own was a thread-pool round trip (~35 µs of this thread's time to schedule and
// settle, against a few µs of writing: docs/performance.md). Each write's promise still settles
// only once its batch is written, so no request is answered before its writes are.
const queuedWrites = new Map();
function queueWrite(db, operation, options) {
  let queue = queuedWrites.get(db);
  if (!queue) {
    queue = [];
    queuedWrites.set(db, queue);
    setImmediate(() => writeQueued(db));
  }
  return new Promise((resolve, reject) => queue.push({ operation, sync: Boolean(options && options.sync), resolve, reject }));
}
function writeQueued(db) {
  const queue = queuedWrites.get(db);
  queuedWrites.delete(db);
  ClassicLevel.prototype._batch.call(db, queue.map((write) => write.operation), { sync: queue.some((write) => write.sync) })
    .then(() => { for (const write of queue) write.resolve(); }, (error) => { for (const write of queue) write.reject(error); });
}
ClassicLevel.prototype._put = function (key, value, options) { return queueWrite(this, { type: 'put', key, value }, options); };
ClassicLevel.prototype._del = function (key, options) { return queueWrite(this, { type: 'del', key }, options); };
const dynalite = require(workerData.dynalitePath);
const server = dynalite({ ...workerData.options, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
const handleHttp = server.listeners('request')[0];
const requests = workerData.requests;
requests.on('message', ({ id, method, path, headers, body }) => {
  const req = new EventEmitter();
  req.method = method;
  req.url = path;
  req.headers = headers;
  const responseHeaders = {};
  const res = {
    statusCode: 200,
    setHeader(name, value) { responseHeaders[name.toLowerCase()] = String(value); },
    getHeader(name) { return responseHeaders[name.toLowerCase()]; },
    end(data) { requests.postMessage({ id, statusCode: res.statusCode, headers: responseHeaders, body: data === undefined ? '' : String(data) }); },
  };
  handleHttp(req, res);
  if (body) req.emit('data', Buffer.from(body));
  req.emit('end');
});
server.listen(0, '127.0.0.1', (err) => {
  if (err) parentPort.postMessage({ error: String(err && err.stack || err) });
  else parentPort.postMessage({ port: server.address().port });
});
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  requests.close();
  server.close((err) => parentPort.postMessage({ closed: true, error: err ? String(err) : undefined }));
});
`;

export async function startDynaliteThread(options: DynaliteOptions): Promise<DynaliteThread> {
  const channel = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { dynalitePath: require.resolve('dynalite'), classicLevelPath: classicLevelPath(), options: options.path ? { path: options.path } : {}, requests: channel.port2 },
    transferList: [channel.port2],
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port?: number; error?: string }) => {
      if (message.port !== undefined) resolve(message.port);
      else reject(new EmbeddedEngineError(`the embedded DynamoDB engine did not start: ${message.error}`));
    });
    worker.once('error', (error) => reject(new EmbeddedEngineError('the embedded DynamoDB engine did not start', { cause: error })));
  });
  const requestHandler = engineRequestHandler(channel.port1);
  // After start-up, a dead engine fails the requests in flight (retryable: the run stops, a
  // rerun resumes); say why once on stderr rather than as an unhandled 'error' event.
  worker.on('error', (error) => {
    process.stderr.write(`the embedded DynamoDB engine stopped: ${error.message}\n`);
    requestHandler.destroy(error);
  });
  // The engine must not keep a finished command alive; requests in flight keep it busy (the handler refs its port).
  worker.unref();
  let closing: Promise<void> | undefined;
  return {
    port,
    requestHandler,
    close() {
      closing ??= new Promise<void>((resolve) => {
        requestHandler.destroy();
        worker.once('message', () => { void worker.terminate().then(() => resolve()); });
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      });
      return closing;
    },
  };
}

/** The LevelDB binding dynalite itself loads (through `level`), so the worker patches that one. */
function classicLevelPath(): string {
  return require.resolve('classic-level', { paths: [dirname(require.resolve('level', { paths: [dirname(require.resolve('dynalite'))] }))] });
}

/** The engine thread stopped (or was closed) with requests to it in flight: retryable, as a dropped connection. */
export class EngineUnavailableError extends Error {
  readonly $retryable = {};
  readonly code = 'ECONNRESET';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineUnavailableError';
  }
}

interface EngineResponse {
  id: number;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

function engineRequestHandler(port: MessagePort): EngineRequestHandler & { destroy(cause?: unknown): void } {
  const pending = new Map<number, { resolve: (response: EngineResponse) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let closed = false;
  // A request in flight keeps the process alive, as its socket did; an idle port does not.
  port.unref();
  port.on('message', (response: EngineResponse) => {
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    if (pending.size === 0) port.unref();
    waiting?.resolve(response);
  });
  return {
    async handle(request) {
      if (closed) throw new EngineUnavailableError('the embedded DynamoDB engine is closed');
      const id = nextId++;
      const response = await new Promise<EngineResponse>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (pending.size === 1) port.ref();
        port.postMessage({ id, method: request.method, path: pathWithQuery(request), headers: request.headers, body: bodyText(request.body) });
      });
      return { response: { statusCode: response.statusCode, headers: response.headers, body: Buffer.from(response.body, 'utf8') } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy(cause?: unknown) {
      closed = true;
      for (const waiting of pending.values()) waiting.reject(new EngineUnavailableError('the embedded DynamoDB engine stopped', { cause }));
      pending.clear();
      port.close();
    },
  };
}

function pathWithQuery({ path, query }: EngineRequest): string {
  const pairs = Object.entries(query ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => (v === null ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(v)}`)));
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  throw new EmbeddedEngineError(`a request body the embedded engine cannot take: ${typeof body}`);
}
