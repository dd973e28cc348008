import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent } from 'aws-lambda';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { OversizeObjectError, S3ObjectSource } from '../../lambdas/adapters/s3';
import { SnsAlertPublisher } from '../../lambdas/adapters/sns';
import { RejectedInputError } from '../../lambdas/core/errors';
import { DEFAULT_INGEST_CONFIG } from '../../lambdas/core/ingest';
import { defaultNormalizeConfig } from '../../lambdas/core/normalize';
import { createIngestHandler } from '../../lambdas/handlers/ingest';
import { startEmbedded } from '../../lambdas/targets/embedded';

// s3rver stores streamed uploads with chunk framing unless checksums are only sent when required.
process.env.AWS_REQUEST_CHECKSUM_CALCULATION = 'WHEN_REQUIRED';
process.env.AWS_RESPONSE_CHECKSUM_VALIDATION = 'WHEN_REQUIRED';

const BUCKET = 'newswatch-drop';
const LIMIT = defaultNormalizeConfig.maxObjectBytes;
const BIG = 4 * LIMIT; // 20 MiB

describe('S3ObjectSource: the size is checked before the body is read (s3rver)', () => {
  let s3rver: S3rver;
  let dir: string;
  let endpoint: string;
  let uploader: S3Client;
  /** The bodies of the GetObject responses the reader received, as streams. */
  const bodies: Readable[] = [];
  let reader: S3Client;

  const client = () => new S3Client({
    endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-s3-size-'));
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = await s3rver.run();
    endpoint = `http://127.0.0.1:${port}`;
    uploader = client();
    reader = client();
    reader.middlewareStack.add((next) => async (args) => {
      const result = await next(args);
      const body = (result.output as { Body?: unknown }).Body;
      if (body instanceof Readable) bodies.push(body);
      return result;
    }, { step: 'initialize', name: 'keepResponseBodies' });
  });

  afterAll(async () => {
    uploader.destroy();
    reader.destroy();
    await s3rver.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function upload(key: string, body: Buffer, metadata?: Record<string, string>) {
    await uploader.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, Metadata: metadata, ContentType: 'text/plain' }));
  }

  it('reads an object within the limit whole, as before', async () => {
    const body = Buffer.from('Talks in Riyadh ended on Tuesday without a deal, officials said.\n'.repeat(1000));
    await upload('incoming/outlet-a/small.txt', body, { source: 'Outlet A' });
    const raw = await new S3ObjectSource(reader, 'quarantine/', BUCKET).getObject({ key: 'incoming/outlet-a/small.txt' });
    expect(Buffer.from(raw.body).equals(body)).toBe(true);
    expect(raw.metadata).toEqual({ source: 'Outlet A' });
    expect(raw.contentType).toBe('text/plain');
  });

  it('rejects an object over the limit from its ContentLength, never reads its body, and has S3 copy it to quarantine', async () => {
    const key = 'incoming/outlet-b/large file.txt';
    await upload(key, Buffer.alloc(BIG, 'a'), { source: 'Outlet B' });
    bodies.length = 0;
    const start = performance.now();
    const error = await new S3ObjectSource(reader, 'quarantine/', BUCKET).getObject({ key }).catch((e: unknown) => e);
    const ms = performance.now() - start;
    console.log(`an object of ${BIG} bytes rejected (and copied to quarantine by S3) in ${ms.toFixed(0)} ms`);

    expect(error).toBeInstanceOf(OversizeObjectError);
    expect(error).toBeInstanceOf(RejectedInputError);
    expect((error as Error).message).toBe(
      `too large: the object has ${BIG} bytes (not read), the limit is ${LIMIT}; quarantined as quarantine/outlet-b/large file.txt`);
    expect((error as OversizeObjectError).quarantineKey).toBe('quarantine/outlet-b/large file.txt');
    // The response body was received as a stream and destroyed without a byte taken from it.
    expect(bodies).toHaveLength(1);
    expect(bodies[0].readableDidRead).toBe(false);
    expect(bodies[0].destroyed).toBe(true);
    expect(ms).toBeLessThan(5000);

    // The quarantined copy is the whole original, with the error beside it, made by S3 (CopyObject).
    const copy = await uploader.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'quarantine/outlet-b/large file.txt' }));
    expect(copy.ContentLength).toBe(BIG);
    expect(copy.Metadata?.source).toBe('Outlet B');
    expect(decodeURIComponent(copy.Metadata?.['newswatch-error'] ?? '')).toMatch(/^too large: the object has 20971520 bytes \(not read\)/);
    expect(decodeURIComponent(copy.Metadata?.['newswatch-original-key'] ?? '')).toBe(key);
  });

  it('through the ingest Lambda: the message is consumed as a rejection, the object quarantined and recorded rejected in the object log, no story', async () => {
    const runtime = await startEmbedded({ dataDir: dir, inMemory: true });
    const sns = mockClient(new SNSClient({ region: 'us-east-1' }));
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const logs: Record<string, unknown>[] = [];
    try {
      const key = 'incoming/outlet-c/huge.html';
      await upload(key, Buffer.alloc(BIG, '<p>x</p>'));
      bodies.length = 0;
      const handler = createIngestHandler({
        store: runtime.store,
        publisher: new SnsAlertPublisher(new SNSClient({ region: 'us-east-1' }), 'arn:aws:sns:us-east-1:123456789012:t'),
        objects: new S3ObjectSource(reader, 'quarantine/'),
        config: { ...DEFAULT_INGEST_CONFIG, trackAll: true },
        clock: () => new Date('2025-02-18T18:00:00Z'),
        log: (entry) => logs.push(entry),
      });
      const event = {
        Records: [{
          messageId: 'msg-huge',
          body: JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: BUCKET }, object: { key } } }] }),
        }],
      } as unknown as SQSEvent;
      expect(await handler(event)).toEqual({ batchItemFailures: [] });
      expect(bodies.every((b) => !b.readableDidRead)).toBe(true);
      expect(logs).toEqual([expect.objectContaining({ level: 'warn', message: 'object rejected', key })]);
      expect(String(logs[0].error)).toContain('too large');
      const [logged] = [await runtime.store.getObject(key, undefined)].filter(Boolean);
      expect(logged).toMatchObject({ status: 'rejected', quarantineKey: 'quarantine/outlet-c/huge.html', counts: { ingested: 0, duplicate: 0, rejected: 1 } });
      const copy = await uploader.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'quarantine/outlet-c/huge.html' }));
      expect(copy.ContentLength).toBe(BIG);
      expect(await runtime.store.listStories()).toEqual([]);
    } finally {
      sns.restore();
      await runtime.close();
    }
  });
});

describe('S3ObjectSource: without a ContentLength, the read stops one byte past the limit', () => {
  it('reads no more than the limit (and a chunk), then rejects and quarantines the object', async () => {
    const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(s3);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let produced = 0;
    const body = Readable.from((function* endless() {
      for (;;) {
        produced += chunk.length;
        yield chunk;
      }
    })());
    mock.on(GetObjectCommand).resolves({ Body: body as never, ContentType: 'text/plain', VersionId: 'v 1' });
    mock.on(CopyObjectCommand).resolves({});

    const error = await new S3ObjectSource(s3, 'quarantine/', 'drop').getObject({ key: 'incoming/s/endless.txt' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `too large: the object has more than ${LIMIT} bytes, the limit is ${LIMIT}; quarantined as quarantine/s/endless.txt`);
    // Readable.from reads ahead a little (its high-water mark of 16 objects).
    expect(produced).toBeLessThanOrEqual(LIMIT + 17 * chunk.length);
    expect(body.destroyed).toBe(true);
    const copy = mock.commandCalls(CopyObjectCommand)[0].args[0].input;
    expect(copy).toMatchObject({
      Bucket: 'drop', Key: 'quarantine/s/endless.txt', CopySource: 'drop/incoming/s/endless.txt?versionId=v%201',
      MetadataDirective: 'REPLACE', TaggingDirective: 'REPLACE', ContentType: 'text/plain',
    });
    mock.restore();
  });
});
