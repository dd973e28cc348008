/** What the stack tests share: the test App, logical ids, and the IAM grants of a role, readable. */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

/**
 * The same feature flags `cdk synth` uses (from cdk.json), with bundling skipped: these tests
 * check the wiring, not esbuild; `npx cdk synth` bundles the real handler.
 */
export function testApp(): App {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));
  return new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
}

export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** Renders Ref / Fn::GetAtt / Fn::Join as readable strings ("Bucket.Arn/incoming/*"). */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Ref' in node) return String(node.Ref);
  if ('Fn::GetAtt' in node) return (node['Fn::GetAtt'] as string[]).join('.');
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return JSON.stringify(value);
}

/** Every (action, resource) pair the IAM policies attached to `roleId` allow. */
export function allowedPairs(template: Template, roleId: string): { action: string; resource: string }[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
  return Object.values(policies).flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) =>
        asList(statement.Action as string | string[]).flatMap((action) =>
          asList(statement.Resource).map((resource) => ({ action, resource: render(resource) })),
        ),
      ),
  );
}

export function resourcesFor(pairs: { action: string; resource: string }[], action: string): string[] {
  return [...new Set(pairs.filter((p) => p.action === action).map((p) => p.resource))].sort();
}
