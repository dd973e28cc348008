/**
 * `npm run bench:lambda [-- --runs N] [--synth] [--json]`
 *
 * Each bundle's index.js, then the code beside it that it requires on first use only (the HTML
 * extractor, htmlLibraries.js: not part of the load measured), then its data files.
 * The Lambda bundles of `cdk.out` as `cdk deploy` uploads them (synthesized first when missing or
 * older than the sources, or with --synth; the synth `.ci/run` runs): per function, the size of
 * index.js, of the files beside it (the tagger's JSON data) and of the whole asset (source map
 * excepted), whether the tagger or the HTML extractor is inside (the source map lists every module
 * of the bundle), and the time to load it: `require` of index.js in a fresh `node` process with
 * the function's NODE_OPTIONS (--enable-source-maps, as in Lambda), the median of N runs (default 15). Beside it, in the same run and interleaved with the bundles' runs,
 * the baseline: requiring the four AWS SDK clients the ingest Lambda uses
 * (@aws-sdk/client-dynamodb, lib-dynamodb, client-sns, client-s3) from node_modules.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CDK_OUT, EXTRACTOR_MODULE, ROOT, TAGGER_MODULE, readTemplate, staleness, synthesize } from '../test/handlers/bundle-harness';
const SDK_CLIENTS = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-sns', '@aws-sdk/client-s3'];

export interface LambdaBundle {
  logicalId: string;
  assetDir: string;
  /** index.js, bytes. */
  codeBytes: number;
  /** Code beside index.js that it requires on first use only (the HTML extractor, htmlLibraries.js), bytes. */
  lazyCodeBytes: number;
  /** The other files of the asset (JSON data), source map excepted. */
  dataBytes: number;
  dataFiles: number;
  /** Module paths the source map lists. */
  modules: string[];
  /** NODE_OPTIONS of the function (--enable-source-maps): the bundle is loaded with them, as Lambda loads it. */
  nodeOptions: string;
}

/** Every Node.js function of the synthesized template, with its bundle. */
export function lambdaBundles(): LambdaBundle[] {
  const template = readTemplate();
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Runtime).startsWith('nodejs') && r.Metadata?.['aws:asset:path'])
    .map(([logicalId, r]) => {
      const assetDir = path.join(CDK_OUT, r.Metadata!['aws:asset:path'] as string);
      const files = fs.readdirSync(assetDir).filter((f) => !f.endsWith('.map'));
      const size = (f: string) => fs.statSync(path.join(assetDir, f)).size;
      // Bundled code beside index.js (with its own map): required on first use. data.js, franc-min's
      // profiles read as JSON, is data like the JSON files.
      const lazy = files.filter((f) => f !== 'index.js' && fs.existsSync(path.join(assetDir, `${f}.map`)));
      const others = files.filter((f) => f !== 'index.js' && !lazy.includes(f));
      // Every bundle of the asset: index.js and the code it requires on first use (htmlLibraries.js).
      const modules = ['index.js', ...lazy].flatMap((f) => (JSON.parse(fs.readFileSync(path.join(assetDir, `${f}.map`), 'utf8')) as { sources: string[] }).sources);
      return {
        logicalId, assetDir, codeBytes: size('index.js'), lazyCodeBytes: lazy.reduce((n, f) => n + size(f), 0),
        dataBytes: others.reduce((n, f) => n + size(f), 0), dataFiles: others.length,
        modules,
        nodeOptions: String(r.Properties.Environment?.Variables?.NODE_OPTIONS ?? ''),
      };
    });
}

interface LoadTime {
  /** Wall-clock milliseconds: what a cold start waits. */
  ms: number;
  /** CPU milliseconds of the process (user + system, all threads): what the load costs, robust to a busy machine. */
  cpuMs: number;
}

/** The time to run `load` (a JavaScript statement) in a fresh node process, timed inside it. */
function timeLoad(load: string, nodeOptions = ''): LoadTime {
  const script = `const c = process.cpuUsage(); const t = process.hrtime.bigint(); ${load}; const u = process.cpuUsage(c); ` +
    'process.stdout.write(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, cpuMs: (u.user + u.system) / 1e3 }));';
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: nodeOptions } })) as LoadTime;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const name = (logicalId: string) => logicalId.replace(/Function[0-9A-F]{8}$/, '');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
  const stale = staleness({ resources: [], functions: [] });
  if (args.includes('--synth') || stale) {
    console.error(`synthesizing (${args.includes('--synth') ? '--synth' : stale})…`);
    console.error(`cdk synth took ${(await synthesize()).toFixed(1)} s`);
  }
  const bundles = lambdaBundles();
  const sdkLoad = SDK_CLIENTS.map((m) => `require(${JSON.stringify(m)})`).join('; ');
  const times = new Map<string, LoadTime[]>([['sdk', []], ...bundles.map((b) => [b.logicalId, []] as [string, LoadTime[]])]);
  timeLoad(sdkLoad); // a first run warms the file cache for everything after it
  for (let run = 0; run < runs; run++) {
    times.get('sdk')!.push(timeLoad(sdkLoad));
    for (const b of bundles) times.get(b.logicalId)!.push(timeLoad(`require(${JSON.stringify(path.join(b.assetDir, 'index.js'))})`, b.nodeOptions));
  }
  const baseline = median(times.get('sdk')!.map((t) => t.ms));
  const cpuBaseline = median(times.get('sdk')!.map((t) => t.cpuMs));
  const rows = bundles.map((b) => {
    const ms = median(times.get(b.logicalId)!.map((t) => t.ms));
    const cpuMs = median(times.get(b.logicalId)!.map((t) => t.cpuMs));
    return {
      function: name(b.logicalId), codeBytes: b.codeBytes, lazyCodeBytes: b.lazyCodeBytes, dataBytes: b.dataBytes, dataFiles: b.dataFiles,
      loadMs: Math.round(ms * 10) / 10, loadVsSdk: Math.round((ms / baseline) * 100) / 100,
      cpuMs: Math.round(cpuMs * 10) / 10, cpuVsSdk: Math.round((cpuMs / cpuBaseline) * 100) / 100,
      tagger: b.modules.some((m) => TAGGER_MODULE.test(m)), extractor: b.modules.some((m) => EXTRACTOR_MODULE.test(m)),
    };
  });
  if (args.includes('--json')) {
    console.log(JSON.stringify({ runs, loadAverage: os.loadavg(), sdkClientsMs: Math.round(baseline * 10) / 10, sdkClientsCpuMs: Math.round(cpuBaseline * 10) / 10, bundles: rows }));
    return;
  }
  console.log(`Lambda bundles of cdk.out: load = require() in a fresh node process (with the function's NODE_OPTIONS), median of ${runs} runs, interleaved`);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (${os.cpus().length} cores): on a busy machine read the CPU column, wall times wait for a core`);
  console.log(`baseline: the 4 AWS SDK clients from node_modules (${SDK_CLIENTS.join(', ')}): ${baseline.toFixed(1)} ms wall, ${cpuBaseline.toFixed(1)} ms CPU\n`);
  console.log(`${'function'.padEnd(14)} ${'index.js'.padStart(9)} ${'+ on use'.padStart(9)} ${'+ data'.padStart(16)} ${'load'.padStart(9)} ${'vs SDK'.padStart(7)} ${'CPU'.padStart(9)} ${'vs SDK'.padStart(7)}  tagger  extractor`);
  for (const r of rows) {
    const data = r.dataFiles ? `${kb(r.dataBytes)} (${r.dataFiles} files)` : '—';
    console.log(`${r.function.padEnd(14)} ${kb(r.codeBytes).padStart(9)} ${(r.lazyCodeBytes ? kb(r.lazyCodeBytes) : '—').padStart(9)} ${data.padStart(16)} ${`${r.loadMs.toFixed(1)} ms`.padStart(9)} ${`${r.loadVsSdk.toFixed(2)}×`.padStart(7)} ${`${r.cpuMs.toFixed(1)} ms`.padStart(9)} ${`${r.cpuVsSdk.toFixed(2)}×`.padStart(7)}  ${(r.tagger ? 'yes' : 'no').padEnd(6)}  ${r.extractor ? 'yes' : 'no'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
