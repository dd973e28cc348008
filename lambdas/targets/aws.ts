import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient, DynamoAlertQueue, DynamoStore } from '../adapters/dynamodb';
import { DynamoDigestStore } from '../adapters/dynamodb/digest-store';
import { DynamoFeedStore } from '../adapters/dynamodb/feed-store';
import { S3DropBucket } from '../adapters/s3';
import { SnsAlertPublisher, subscribeEmail } from '../adapters/sns';
import { ConfigurationError, errorMessage } from '../core/errors';
import type { DeployedTarget } from '../app/target';
import { readStackOutputs, regionOfArn, type StackOutputs } from './stack-outputs';

export interface AwsTargetOptions {
  /** The file `cdk deploy --outputs-file` wrote (default ./cdk-outputs.json). */
  outputsFile?: string;
  /** The stack to use when the file lists several. */
  stackName?: string;
}

/** A setting the AWS SDK's chain could not find: says which, and how to give it. */
export class AwsSetupError extends ConfigurationError {}

/**
 * The deployed stack as a Target. Resources come from the outputs file; region and credentials
 * from the AWS SDK's standard chain (AWS_PROFILE, AWS_REGION, SSO, environment); endpoints honour
 * AWS_ENDPOINT_URL_DYNAMODB / _S3 / _SNS, which is how tests put local engines in AWS's place.
 */
export async function openAwsTarget(options: AwsTargetOptions = {}): Promise<DeployedTarget> {
  const outputs = await readStackOutputs(options.outputsFile, options.stackName);
  const region = await resolveRegion(outputs);
  const dynamo = new DynamoDBClient({ region });
  await requireCredentials(dynamo);
  const s3 = new S3Client({ region, forcePathStyle: usesLocalEndpoint('S3') });
  const sns = new SNSClient({ region });
  const doc = createDocumentClient(dynamo);
  const topicArn = outputs.TopicArn ?? '';
  const publisher = new SnsAlertPublisher(sns, topicArn || missingOutput(outputs, 'TopicArn'));
  return {
    kind: 'aws',
    description: `stack ${outputs.stackName} (table ${outputs.TableName}, ${region})`,
    region,
    stackName: outputs.stackName,
    store: new DynamoStore(doc, outputs.TableName),
    feeds: new DynamoFeedStore(doc, outputs.TableName),
    alertQueue: new DynamoAlertQueue(doc, outputs.TableName),
    digests: new DynamoDigestStore(doc, outputs.TableName),
    dropBucket: outputs.BucketName ? new S3DropBucket(s3, outputs.BucketName) : missingOutput(outputs, 'BucketName'),
    topicArn,
    publisher,
    digestPublisher: publisher,
    subscribeEmail: (email, watchIds, delivery) => subscribeEmail(sns, { topicArn: topicArn || missingOutput(outputs, 'TopicArn'), email, watchIds, delivery }),
    close: async () => {
      dynamo.destroy();
      s3.destroy();
      sns.destroy();
    },
  };
}

/** The SDK chain's region; failing that, the region the stack's own topic lives in. */
async function resolveRegion(outputs: StackOutputs): Promise<string> {
  try {
    const region = await new DynamoDBClient({}).config.region();
    if (region) return region;
  } catch {
    // No region in the chain: the stack's outputs may still say where it is.
  }
  const fromStack = regionOfArn(outputs.TopicArn) ?? regionOfArn(outputs.OpsTopicArn);
  if (fromStack) return fromStack;
  throw new AwsSetupError('no AWS region: set AWS_REGION (e.g. `export AWS_REGION=eu-west-1`) or give your AWS profile a region (`aws configure set region eu-west-1`)');
}

async function requireCredentials(client: DynamoDBClient): Promise<void> {
  try {
    await client.config.credentials();
  } catch (error) {
    const detail = errorMessage(error).toLowerCase().includes('sso') ? ' (your SSO session may have expired: `aws sso login`)' : '';
    throw new AwsSetupError(
      `no AWS credentials${detail}: set AWS_PROFILE to a configured profile (\`aws configure\` or \`aws configure sso\`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
      { cause: error },
    );
  }
}

/** Local S3 stand-ins (s3rver, MinIO) serve buckets by path, not by host name. */
function usesLocalEndpoint(service: 'S3'): boolean {
  return Boolean(process.env[`AWS_ENDPOINT_URL_${service}`] ?? process.env.AWS_ENDPOINT_URL);
}

function missingOutput(outputs: StackOutputs, name: string): never {
  throw new ConfigurationError(`stack ${outputs.stackName} has no ${name} output: redeploy with \`npx cdk deploy --outputs-file cdk-outputs.json\``);
}
