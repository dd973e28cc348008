/**
 * What bundles.test.ts needs to run the Lambda bundles of `cdk.out` as Lambda runs them: the
 * cloud assembly (synthesized when missing or older than the sources), each function's asset
 * folder, handler and environment as the template declares them, a fresh Node process per
 * invocation, and local stand-ins for AWS that record every call (so that each call can be
 * checked against the function's role in the same template).
 */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { allowedPairs } from '../support/cdk-template';
import { listenOnLoopback } from '../support/dynamo-engines';

export const ROOT = path.join(__dirname, '..', '..');
export const CDK_OUT = path.join(ROOT, 'cdk.out');
export const STACK_NAME = 'Newswatch';

/**
 * The synth `.ci/run` runs before the tests (keep the two in step): bundling on, every Lambda the
 * stack can deploy (the Slack notifier too: its asset is the same whatever else is configured).
 */
export const SYNTH_ARGS = ['cdk', 'synth', '-q', '--no-notices', '-c', 'slackWebhookSecret=newswatch/slack'];

/**
 * What marks a module of a bundle (a path its source map lists) as the tagger's or the HTML extractor's.
 * fold-name.ts lives beside the tagger but is how any two names compare (the store's alias keys,
 * watch matching): 4 KB every function may carry.
 */
export const TAGGER_MODULE = /lambdas\/core\/tag\/(?!fold-name\.ts$)/;
export const EXTRACTOR_MODULE = /node_modules\/(?:linkedom|@mozilla\/readability|htmlparser2)\//;

/** What `cdk.out` must be newer than: everything that goes into the template or a bundle. */
const SOURCES = ['bin', 'lib', 'lambdas', 'package-lock.json', 'cdk.json', 'tsconfig.json'];

type CfnResource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };
export interface CloudTemplate { Resources: Record<string, CfnResource> }

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/**
 * Why `cdk.out` cannot be used as it is (undefined when it can). `checkAge: false` right after a
 * synth of our own: a source edited while it ran must not fail the run.
 */
export function staleness(expected: { resources: string[]; functions: string[] }, checkAge = true): string | undefined {
  const manifest = path.join(CDK_OUT, 'manifest.json');
  const templateFile = path.join(CDK_OUT, `${STACK_NAME}.template.json`);
  if (!fs.existsSync(manifest) || !fs.existsSync(templateFile)) return 'cdk.out is missing';
  const synthesizedAt = fs.statSync(manifest).mtimeMs;
  const newer = checkAge ? SOURCES.filter((source) => newestMtime(path.join(ROOT, source)) > synthesizedAt) : [];
  if (newer.length > 0) return `cdk.out is older than ${newer.join(', ')}`;
  const template = readTemplate();
  const missing = [...expected.resources, ...expected.functions].filter((id) => !template.Resources[id]);
  if (missing.length > 0) return `cdk.out lacks ${missing.join(', ')} (synthesized from other sources or without the Slack notifier)`;
  for (const id of expected.functions) {
    const asset = template.Resources[id].Metadata?.['aws:asset:path'];
    if (!asset || !fs.existsSync(path.join(CDK_OUT, asset, 'index.js'))) return `the asset of ${id} is missing`;
  }
  return undefined;
}

/** `npx cdk synth` as `.ci/run` runs it; resolves with the seconds it took. */
export function synthesize(): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile('npx', SYNTH_ARGS, { cwd: ROOT, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`npx ${SYNTH_ARGS.join(' ')} failed: ${error.message}\n${stderr.slice(-4000)}`));
      else resolve((Date.now() - started) / 1000);
    });
  });
}

export function readTemplate(): CloudTemplate {
  return JSON.parse(fs.readFileSync(path.join(CDK_OUT, `${STACK_NAME}.template.json`), 'utf8')) as CloudTemplate;
}

/** A function of the synthesized template: where its bundle is, what Lambda loads, what it may do. */
export interface DeployedFunction {
  logicalId: string;
  assetDir: string;
  /** `index.handler` -> index.js, export `handler`. */
  file: string;
  exportName: string;
  runtime: string;
  /** Environment.Variables as in the template (strings or CloudFormation references). */
  environment: Record<string, unknown>;
  /** Every (action, resource) its role's policies allow, resources rendered as in cdk-template.ts. */
  allowed: { action: string; resource: string }[];
}

export function deployedFunction(template: CloudTemplate, logicalId: string): DeployedFunction {
  const resource = template.Resources[logicalId];
  if (resource?.Type !== 'AWS::Lambda::Function') throw new Error(`${logicalId} is not a Lambda function of ${STACK_NAME}.template.json`);
  const asset = resource.Metadata?.['aws:asset:path'] as string | undefined;
  if (!asset) throw new Error(`${logicalId} has no aws:asset:path: was cdk.out synthesized with bundling?`);
  const [file, exportName] = String(resource.Properties.Handler).split('.');
  const roleId = resource.Properties.Role['Fn::GetAtt'][0] as string;
  return {
    logicalId,
    assetDir: path.join(CDK_OUT, asset),
    file: `${file}.js`,
    exportName,
    runtime: resource.Properties.Runtime,
    environment: resource.Properties.Environment?.Variables ?? {},
    allowed: allowedPairs(Template.fromJSON(template as unknown as Record<string, unknown>), roleId),
  };
}

/** The template's environment with each reference replaced by its local stand-in (logical id -> value). */
export function resolveEnvironment(fn: DeployedFunction, refs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fn.environment).map(([name, value]) => {
    if (typeof value === 'string') return [name, value];
    const ref = (value as { Ref?: string }).Ref;
    if (ref && refs[ref] !== undefined) return [name, refs[ref]];
    throw new Error(`${fn.logicalId}: no local value for ${name} = ${JSON.stringify(value)}`);
  }));
}

// ---- one invocation, in its own Node process ------------------------------------------------

const RUNNER = `
const fs = require('fs');
const path = require('path');
const [dir, file, exportName, eventFile, resultFile] = process.argv.slice(2);
const write = (outcome) => { fs.writeFileSync(resultFile, JSON.stringify(outcome)); process.stdout.write('', () => process.exit(0)); };
const started = process.hrtime.bigint();
let handler;
try {
  handler = require(path.join(dir, file))[exportName];
} catch (error) {
  write({ ok: false, phase: 'load', error: { name: error && error.name, message: String(error && error.message), stack: String(error && error.stack) } });
  return;
}
const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
const deadline = Date.now() + Number(process.env.BUNDLE_TEST_TIMEOUT_MS || 60000);
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, awsRequestId: 'bundle-test-' + process.pid,
  getRemainingTimeInMillis: () => deadline - Date.now(),
};
Promise.resolve().then(() => handler(JSON.parse(fs.readFileSync(eventFile, 'utf8')), context)).then(
  (result) => write({ ok: true, result: result === undefined ? null : result, loadMs }),
  (error) => write({ ok: false, phase: 'invoke', loadMs, error: { name: error && error.name, message: String(error && error.message), stack: String(error && error.stack) } }),
);
`;

export interface Invocation {
  ok: boolean;
  result?: unknown;
  error?: { name?: string; message: string; stack: string };
  phase?: 'load' | 'invoke';
  loadMs?: number;
  /** What the function logged, one entry per JSON line (other lines as `{ text }`). */
  logs: Record<string, unknown>[];
  stderr: string;
}

/**
 * Runs the bundle's handler once on `event` in a fresh `node` (cwd the asset folder, as /var/task),
 * with exactly `env` (plus PATH): nothing of the test process leaks in.
 */
export async function invoke(fn: DeployedFunction, event: unknown, env: Record<string, string>, timeoutMs = 60_000): Promise<Invocation> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newswatch-bundle-'));
  try {
    const runner = path.join(dir, 'runner.cjs');
    const eventFile = path.join(dir, 'event.json');
    const resultFile = path.join(dir, 'result.json');
    fs.writeFileSync(runner, RUNNER);
    fs.writeFileSync(eventFile, JSON.stringify(event));
    const child = spawn(process.execPath, [runner, fn.assetDir, fn.file, fn.exportName, eventFile, resultFile], {
      cwd: fn.assetDir,
      env: { PATH: process.env.PATH ?? '', ...env, BUNDLE_TEST_TIMEOUT_MS: String(timeoutMs) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 5000);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(killer);
    const logs = stdout.split('\n').filter((line) => line.trim()).map((line) => {
      try { return JSON.parse(line) as Record<string, unknown>; } catch { return { text: line }; }
    });
    if (!fs.existsSync(resultFile)) {
      return { ok: false, error: { message: `the bundle process exited with ${code} before answering`, stack: '' }, logs, stderr };
    }
    return { ...(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Omit<Invocation, 'logs' | 'stderr'>), logs, stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- local stand-ins for AWS, recording every call ------------------------------------------

/** One AWS API call a bundle made, as IAM sees it: `dynamodb:Query` on `<Table>.Arn/index/gsi1`. */
export interface AwsCall {
  action: string;
  /** The resource in the template's terms (logical ids), to match against the role's policies. */
  resource: string;
  detail: Record<string, string>;
}

export interface LocalServer {
  endpoint: string;
  close(): Promise<void>;
}

const listen = (server: Server): Promise<LocalServer> => listenOnLoopback(server);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * An HTTP proxy in front of a local engine (dynalite, s3rver) that tells each request to `record`
 * before passing it on unchanged (headers too, so signatures still verify).
 */
export async function recordingProxy(target: string, record: (req: IncomingMessage, body: Buffer) => void): Promise<LocalServer> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    readBody(req).then((body) => {
      record(req, body);
      const forward = request({
        host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers,
      }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', (error) => { res.writeHead(502); res.end(String(error)); });
      forward.end(body);
    }, (error) => { res.writeHead(400); res.end(String(error)); });
  });
  return listen(server);
}

/** DynamoDB JSON protocol: `X-Amz-Target: DynamoDB_20120810.Query`, table and index in the body. */
export function dynamoCall(tableIds: Record<string, string>) {
  return (req: IncomingMessage, body: Buffer): AwsCall => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'Unknown';
    const input = JSON.parse(body.toString('utf8') || '{}') as { TableName?: string; IndexName?: string; RequestItems?: Record<string, unknown> };
    const table = input.TableName ?? Object.keys(input.RequestItems ?? {})[0] ?? '';
    const tableId = tableIds[table] ?? `unknown table ${table}`;
    return {
      action: `dynamodb:${operation}`,
      resource: input.IndexName ? `${tableId}.Arn/index/${input.IndexName}` : `${tableId}.Arn`,
      detail: { table, ...(input.IndexName ? { index: input.IndexName } : {}) },
    };
  };
}

/** S3 REST, path style: GET/PUT/HEAD/DELETE /<bucket>/<key>[?versionId=…]. */
export function s3Call(bucketIds: Record<string, string>) {
  return (req: IncomingMessage): AwsCall => {
    const url = new URL(req.url ?? '/', 'http://s3.local');
    const [, bucket = '', ...keyParts] = url.pathname.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    const versioned = url.searchParams.has('versionId');
    const method = req.method ?? 'GET';
    const action = key === ''
      ? (method === 'GET' ? 's3:ListBucket' : `s3:${method}Bucket`)
      : method === 'GET' ? (versioned ? 's3:GetObjectVersion' : 's3:GetObject')
        : method === 'HEAD' ? (versioned ? 's3:GetObjectVersion' : 's3:GetObject')
          : method === 'PUT' ? 's3:PutObject'
            : method === 'DELETE' ? (versioned ? 's3:DeleteObjectVersion' : 's3:DeleteObject')
              : `s3:${method}`;
    const bucketId = bucketIds[bucket] ?? `unknown bucket ${bucket}`;
    return { action, resource: key === '' ? `${bucketId}.Arn` : `${bucketId}.Arn/${key}`, detail: { bucket, key } };
  };
}

/** A recorded SNS Publish: the form fields, and MessageAttributes read back into a map. */
export interface PublishRequest {
  form: Record<string, string>;
  TopicArn: string;
  Subject?: string;
  Message: string;
  MessageStructure?: string;
  MessageAttributes: Record<string, { DataType: string; StringValue?: string }>;
}

function parseMessageAttributes(form: Record<string, string>): PublishRequest['MessageAttributes'] {
  const attributes: PublishRequest['MessageAttributes'] = {};
  for (let i = 1; form[`MessageAttributes.entry.${i}.Name`] !== undefined; i++) {
    const prefix = `MessageAttributes.entry.${i}.Value`;
    attributes[form[`MessageAttributes.entry.${i}.Name`]] = {
      DataType: form[`${prefix}.DataType`],
      ...(form[`${prefix}.StringValue`] !== undefined ? { StringValue: form[`${prefix}.StringValue`] } : {}),
    };
  }
  return attributes;
}

/**
 * SNS (query protocol: a form body, an XML answer) and Secrets Manager (JSON 1.1) on one local
 * server: no emulator of either works here, and a bundle only needs Publish and GetSecretValue.
 */
export class AwsStub {
  readonly publishes: PublishRequest[] = [];
  readonly calls: AwsCall[] = [];
  private server?: LocalServer;
  private publishCount = 0;

  constructor(
    private readonly topicIds: Record<string, string>,
    private readonly secrets: Record<string, string>,
  ) {}

  get endpoint(): string {
    return this.server!.endpoint;
  }

  async start(): Promise<void> {
    this.server = await listen(createServer((req, res) => {
      readBody(req).then((body) => this.answer(req, body, res), () => { res.writeHead(400); res.end(); });
    }));
  }

  close(): Promise<void> {
    return this.server?.close() ?? Promise.resolve();
  }

  private answer(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target.startsWith('secretsmanager.')) {
      const input = JSON.parse(body.toString('utf8')) as { SecretId: string };
      const action = target.split('.')[1];
      this.calls.push({ action: `secretsmanager:${action}`, resource: secretArn(input.SecretId), detail: { secretId: input.SecretId } });
      const value = this.secrets[input.SecretId];
      res.writeHead(value === undefined || action !== 'GetSecretValue' ? 400 : 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(value === undefined || action !== 'GetSecretValue'
        ? { __type: 'ResourceNotFoundException', message: `no secret ${input.SecretId}` }
        : { ARN: secretArn(input.SecretId), Name: input.SecretId, SecretString: value, VersionId: 'v1', VersionStages: ['AWSCURRENT'], CreatedDate: 1_700_000_000 }));
      return;
    }
    const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    if (form.Action !== 'Publish') {
      this.calls.push({ action: `sns:${form.Action ?? 'Unknown'}`, resource: '?', detail: form });
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>not stubbed: ${form.Action}</Message></Error></ErrorResponse>`);
      return;
    }
    const publish: PublishRequest = {
      form,
      TopicArn: form.TopicArn,
      Subject: form.Subject,
      Message: form.Message,
      MessageStructure: form.MessageStructure,
      MessageAttributes: parseMessageAttributes(form),
    };
    this.publishes.push(publish);
    this.calls.push({ action: 'sns:Publish', resource: this.topicIds[form.TopicArn] ?? `unknown topic ${form.TopicArn}`, detail: { topicArn: form.TopicArn } });
    const messageId = `00000000-0000-4000-8000-${String(++this.publishCount).padStart(12, '0')}`;
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(`<?xml version="1.0"?>
<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
  <PublishResult><MessageId>${messageId}</MessageId></PublishResult>
  <ResponseMetadata><RequestId>req-${messageId}</RequestId></ResponseMetadata>
</PublishResponse>`);
  }
}

/**
 * A secret named `name`, with the random suffix Secrets Manager adds, in the account and region
 * of the function (the policy names them as pseudo parameters or as the synth's own region).
 */
function secretArn(name: string): string {
  return `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
}

/** Partition, region and account are the function's own: only the rest of an ARN is compared. */
function withinAccount(arn: string): string {
  return arn.replace(/AWS::(Partition|Region|AccountId)/g, 'pseudo').replace(/^arn:[^:]*:([^:]*):[^:]*:[^:]*:/, 'arn:*:$1:*:*:');
}

// ---- calls against the role ------------------------------------------------------------------

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
}

/** The calls no statement of the function's role allows (what AWS would answer AccessDenied). */
export function deniedCalls(fn: DeployedFunction, calls: AwsCall[]): AwsCall[] {
  return calls.filter((call) => !fn.allowed.some((grant) =>
    glob(grant.action).test(call.action) && glob(withinAccount(grant.resource)).test(withinAccount(call.resource))));
}

/** Distinct `action resource` strings of a set of calls, sorted. */
export function summarize(calls: AwsCall[]): string[] {
  return [...new Set(calls.map((c) => `${c.action} ${c.resource}`))].sort();
}


