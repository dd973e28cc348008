/**
 * cdk-nag's AwsSolutions checks over the synthesized stack, as a test: any finding that is not
 * acknowledged (with its reason, on the construct that causes it: lib/constructs/nag.ts) fails.
 * cdk-nag 3 runs as a policy-validation plugin (`Validations.of(app).addPlugins`); its Aspects
 * entry point does not work with this aws-cdk-lib.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { NewswatchStack, type NewswatchStackProps } from '../../lib/newswatch-stack';
import { testApp } from '../support/cdk-template';

interface Violation { rule: string; severity: string; path: string }
interface Acknowledgment { path: string; rule: string; reason: string }

/** Synthesizes one stack with the AwsSolutions pack; what it reports and what the stack acknowledges. */
function nag(props: NewswatchStackProps, addToStack?: (stack: NewswatchStack) => void): { pluginNames: string[]; violations: Violation[]; acknowledged: Acknowledgment[] } {
  const app = testApp();
  const stack = new NewswatchStack(app, 'Newswatch', props);
  addToStack?.(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let synthError: unknown;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  } finally {
    log.mockRestore();
  }
  try {
    const reportFile = path.join(app.outdir, 'validation-report.json');
    if (!fs.existsSync(reportFile)) throw new Error(`no validation report (synth: ${String(synthError)})`);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
      pluginReports: { pluginName: string; violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[] }[];
    };
    const violations = report.pluginReports.flatMap((p) => p.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({ rule: v.ruleName, severity: v.severity, path: c.constructPath }))));
    return { pluginNames: report.pluginReports.map((p) => p.pluginName), violations, acknowledged: acknowledgments(stack) };
  } finally {
    if (app.outdir.startsWith(os.tmpdir())) fs.rmSync(app.outdir, { recursive: true, force: true });
  }
}

function acknowledgments(root: IConstruct): Acknowledgment[] {
  return root.node.findAll().flatMap((construct) => construct.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([rule, reason]) => ({
      path: construct.node.path, rule: rule.replace(/^annotation::/i, ''), reason,
    }))));
}

describe('cdk-nag AwsSolutions checks', () => {
  const bare = nag({});
  const full = nag({
    slackWebhookSecret: 'newswatch/slack', alertEmails: ['a@b.example'], opsEmails: ['ops@b.example'], trackAll: true, alertCooldownSeconds: 0,
  });

  it('run on the stack: a queue added without encryption, TLS or DLQ is reported (a passing report lists no plugin)', () => {
    const canary = nag({}, (stack) => new sqs.Queue(stack, 'Canary', { encryption: sqs.QueueEncryption.UNENCRYPTED }));
    expect(canary.pluginNames).toEqual(['AwsSolutions']);
    expect(canary.violations.filter((v) => v.path.startsWith('Newswatch/Canary/')).map((v) => v.rule).sort())
      .toEqual(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']);
    expect(canary.violations.filter((v) => !v.path.startsWith('Newswatch/Canary/'))).toEqual([]);
  });

  it('find no unacknowledged error, on the bare stack and with every option on', () => {
    expect(bare.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(full.violations.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('are acknowledged only where a finding is inherent, each with its reason', () => {
    for (const ack of full.acknowledged) expect(ack.reason.length).toBeGreaterThan(40);
    const named = full.acknowledged.map(({ path: p, rule }) => `${p.replace(/(BucketNotificationsHandler)[0-9a-f]+$/, '$1')} ${rule}`);
    expect(named.sort()).toEqual([
      // The access-log bucket does not log itself.
      'Newswatch/DropBucket/AccessLogs AwsSolutions-S1',
      // Object keys under a prefix are not known in advance: the only wildcards, one per prefix.
      'Newswatch/FeedPoller/ServiceRole AwsSolutions-IAM5[Resource::<DropBucket0EBEB047.Arn>/incoming/*]',
      'Newswatch/IngestFunction/ServiceRole AwsSolutions-IAM5[Resource::<DropBucket0EBEB047.Arn>/incoming/*]',
      'Newswatch/IngestFunction/ServiceRole AwsSolutions-IAM5[Resource::<DropBucket0EBEB047.Arn>/quarantine/*]',
      // aws-cdk-lib's own deploy-time handler for the bucket notification.
      'Newswatch/BucketNotificationsHandler AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    ].sort());
  });
});
