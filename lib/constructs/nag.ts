import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag (AwsSolutions pack) findings this stack accepts, each acknowledged on the construct
 * that causes it, with its reason (test/stack/cdk-nag.test.ts runs the checks and lists them).
 * Only aws-cdk-lib's Validations API is used here: cdk-nag itself is a test dependency.
 */
export function acknowledgeNag(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: rule, reason });
}

/**
 * cdk-nag's IAM5 finding for a wildcard resource, named as cdk-nag names it
 * (`AwsSolutions-IAM5[Resource::<DropBucket0EBEB047.Arn>/incoming/*]`): a wildcard is
 * acknowledged for that one resource, never for the rule as a whole.
 */
export function wildcardResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(arn))}]`;
}

/** A resolved CloudFormation value flattened the way cdk-nag prints it (Ref -> <Id>, GetAtt -> <Id.Attr>). */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const value = node as Record<string, unknown>;
  if (value['Fn::Join']) {
    const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
    return parts.map(flatten).join(separator);
  }
  if (value['Fn::Sub']) return flatten(value['Fn::Sub']);
  if (value['Fn::GetAtt']) {
    const [id, attribute] = value['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(id)}.${flatten(attribute)}>`;
  }
  if (value['Fn::ImportValue']) return flatten(value['Fn::ImportValue']);
  if (value.Ref) return `<${flatten(value.Ref)}>`;
  return JSON.stringify(node);
}
