import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgeNag, wildcardResourceFinding } from './nag';

/** The DynamoDB data-plane calls the store adapters make (lambdas/adapters/dynamodb). Never Scan. */
export type TableAction =
  | 'GetItem' | 'BatchGetItem' | 'Query'
  | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

/** What one Lambda does with the table: actions on its items, and the indexes it queries. */
export interface TableAccess {
  /** Allowed on the base table (its ARN, no wildcard). */
  readonly tableActions: readonly TableAction[];
  /** `dynamodb:Query` on these global secondary indexes, each by name (no `/index/*`). */
  readonly queriedIndexes?: readonly string[];
}

/**
 * Grants exactly `access` on `table`: replaces grantReadWriteData, which adds Scan, DeleteItem,
 * ConditionCheckItem, DescribeTable and every index of the table. The table is encrypted with the
 * AWS managed key, so no KMS permission is needed.
 */
export function grantTableAccess(grantee: iam.IGrantable, table: dynamodb.ITable, access: TableAccess): void {
  if (access.tableActions.length > 0) {
    iam.Grant.addToPrincipal({ grantee, actions: access.tableActions.map((a) => `dynamodb:${a}`), resourceArns: [table.tableArn] });
  }
  const indexes = access.queriedIndexes ?? [];
  if (indexes.length > 0) {
    iam.Grant.addToPrincipal({ grantee, actions: ['dynamodb:Query'], resourceArns: indexes.map((name) => `${table.tableArn}/index/${name}`) });
  }
}

/**
 * Object-level S3 actions under one prefix of the bucket, and nothing at bucket level (no List,
 * no GetBucket*, no Abort*, no Delete). The key wildcard under the prefix is inherent (object
 * keys are not known in advance): its cdk-nag IAM5 finding is acknowledged for that resource
 * only, with `reason`. The bucket is S3-managed encrypted: no KMS permission is needed.
 */
export function grantObjectActions(role: iam.Role, bucket: s3.IBucket, prefix: string, actions: readonly string[], reason: string): void {
  const objects = bucket.arnForObjects(`${prefix}*`);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...actions], resources: [objects] }));
  acknowledgeNag(role, wildcardResourceFinding(role, objects), reason);
}
