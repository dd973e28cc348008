import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FeedArticle } from '../../core/feeds/types';
import type { FeedArticleSink } from '../../ports/feeds';
import { toAwsFailure } from '../aws-errors';

/** New items into the drop bucket under incoming/<feed source>/: they flow through the same pipeline. */
export class S3FeedArticleSink implements FeedArticleSink {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  async putArticle(item: FeedArticle): Promise<void> {
    try {
      await this.s3.send(new PutObjectCommand({
        Bucket: this.bucket,
        Key: item.key,
        Body: JSON.stringify(item.article),
        ContentType: 'application/json; charset=utf-8',
        // ASCII only in metadata: the source name travels in the JSON itself.
        Metadata: { 'feed-id': item.article.feedId },
      }));
    } catch (error) {
      // Throttling, 5xx, network: RetryableError; AccessDenied or a bug as it is. Either fails the poll run.
      throw toAwsFailure(error, `writing s3://${this.bucket}/${item.key}`);
    }
  }
}
