#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { parseEmailSubscribers } from '../lib/constructs/alerts-topic';
import { NewswatchStack } from '../lib/newswatch-stack';

const app = new cdk.App();

// Context is read here once: `-c alertEmail=a@x.example,b@y.example -c trackAll=true`.
// Each alertEmail entry may carry a watch filter: `-c alertEmail=a@x.example:rubio+ukraine`.
const emailSubscribers = parseEmailSubscribers(contextString(app, 'alertEmail'));
const slackWebhookSecret = contextString(app, 'slackWebhookSecret')?.trim() || undefined;
const cooldownContext = contextString(app, 'alertCooldownSeconds');
const alertCooldownSeconds = cooldownContext === undefined ? undefined : Number(cooldownContext);
if (alertCooldownSeconds !== undefined && !(alertCooldownSeconds >= 0)) throw new Error(`alertCooldownSeconds must be seconds >= 0, not "${cooldownContext}"`);
const trackAll = parseBoolean(app.node.tryGetContext('trackAll'));
// `-c opsEmail=ops@x.example`: who hears of dead letters and a stuck ingest.
const opsEmails = contextString(app, 'opsEmail')?.split(',');

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new NewswatchStack(app, 'Newswatch', {
  description: 'newswatch: S3 drop bucket -> SQS -> ingest Lambda -> DynamoDB, new-source alerts on SNS',
  emailSubscribers,
  slackWebhookSecret,
  alertCooldownSeconds,
  opsEmails,
  trackAll,
  env: account || region ? { account, region } : undefined,
});

function contextString(scope: cdk.App, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null) return undefined;
  // cdk.json may hold a list; `-c` always gives a string.
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

/** `-c trackAll=true` arrives as a string, cdk.json may hold a real boolean. */
function parseBoolean(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['true', '1', 'yes'].includes(value.trim().toLowerCase()));
}
