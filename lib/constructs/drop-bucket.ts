import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface DropBucketProps {
  /** Days before a replaced or deleted object version is removed for good. */
  readonly noncurrentVersionExpiration?: Duration;
}

/**
 * Where articles are dropped (`incoming/<source>/<file>`) and where rejected originals are
 * kept (`quarantine/...`). Versioned so a re-upload never loses the object being processed.
 */
export class DropBucket extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly incomingPrefix = 'incoming/';
  public readonly quarantinePrefix = 'quarantine/';

  constructor(scope: Construct, id: string, props: DropBucketProps = {}) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
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
