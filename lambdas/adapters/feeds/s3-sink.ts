import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { errorMessage, RetryableError } from '../../core/errors';
import type { FeedArticle } from '../../core/feeds/types';
import type { FeedArticleSink } from '../../ports/feeds';

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
      throw new RetryableError(`writing s3://${this.bucket}/${item.key}: ${errorMessage(error)}`, { cause: error });
    }
  }
}
