import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from './nag';

export interface DropBucketProps {
  /** Days before a replaced or deleted object version is removed for good. */
  readonly noncurrentVersionExpiration?: Duration;
  /** Days server access logs of the drop bucket are kept. */
  readonly accessLogExpiration?: Duration;
}

/**
 * Where articles are dropped (`incoming/<source>/<file>`) and where rejected originals are
 * kept (`quarantine/...`). Versioned so a re-upload never loses the object being processed.
 * Every request to it is recorded by S3 server access logging in a second bucket
 * (`drop-bucket/` prefix there, kept 90 days).
 */
export class DropBucket extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;
  public readonly incomingPrefix = 'incoming/';
  public readonly quarantinePrefix = 'quarantine/';
  public readonly accessLogsPrefix = 'drop-bucket/';

  constructor(scope: Construct, id: string, props: DropBucketProps = {}) {
    super(scope, id);
    // S3 writes access logs through the bucket policy (feature flag
    // @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy), so ACLs stay disabled; SSE-S3, because
    // log delivery cannot write to a bucket encrypted under a customer KMS key.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: props.accessLogExpiration ?? Duration.days(90) }],
      // Who read or wrote the raw articles is part of their record: kept with the drop bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeNag(this.accessLogsBucket, 'AwsSolutions-S1',
      'This is the server access log bucket of the drop bucket; logging its own access would log the log deliveries themselves.');
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: this.accessLogsPrefix,
      lifecycleRules: [
        {
          id: 'expire-old-versions-and-abandoned-uploads',
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      // Dropped articles are the raw record of what was ingested: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
