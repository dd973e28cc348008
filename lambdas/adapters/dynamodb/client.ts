import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The document client the store expects: optional fields left undefined are dropped instead of
 * failing the request, and plain objects only (a class instance in an item is a bug, not data).
 */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  // The SDK's logger middleware copies every input and output through the schema's sensitive-field
  // filter to hand them to logger.info, even when the logger is the default no-op one: about a
  // tenth of the SDK's time in a local ingest (docs/performance.md). newswatch gives the SDK no logger.
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/** The name the SDK registers its logger middleware under (@aws-sdk/core loggerMiddlewareOptions). */
const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

export interface CommandCounter {
  /** Requests sent, by SDK command name ("PutItemCommand", "QueryCommand", "ScanCommand"…). */
  counts: Record<string, number>;
  reset(): void;
}

/** The one part of the SDK middleware stack the counter uses, typed loosely enough for both clients. */
interface InitializeStack {
  add(
    middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
    options: { step: 'initialize'; name: string },
  ): void;
}

let counterSequence = 0;

/**
 * Counts every command sent through the client, so tests and benchmarks can prove there is no
 * Scan and measure requests per article. A document client shares its base client's stack, so
 * counting on either counts both, under the low-level names (PutCommand counts as PutItemCommand).
 */
export function countCommands(client: DynamoDBClient | DynamoDBDocumentClient): CommandCounter {
  const counts: Record<string, number> = {};
  const stack = client.middlewareStack as unknown as InitializeStack;
  stack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'UnknownCommand';
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    // Unique name: counting twice on one client must not throw "duplicate middleware".
    { step: 'initialize', name: `newswatchCommandCounter${++counterSequence}` },
  );
  return {
    counts,
    reset() {
      for (const name of Object.keys(counts)) delete counts[name];
    },
  };
}
