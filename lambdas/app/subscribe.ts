import { ConfigurationError } from '../core/errors';
import type { DigestFrequency } from '../core/model';
import type { DeployedTarget } from './target';
import { watchIdFor } from './watches';

/**
 * `subscribe --email … [--watch …] [--digest daily]`: an email subscription to the stack's alerts
 * topic, filtered on the `watchIds` message attribute when watches are named (alerts for stories
 * they track), and always on `delivery`: as-it-happens (each alert, and the digests of watches
 * set to one), or one digest per watch and hour, day or week instead of single alerts.
 */
export async function subscribeByEmail(
  target: Pick<DeployedTarget, 'subscribeEmail'>,
  request: { email: string; watches?: string[]; delivery?: DigestFrequency },
): Promise<{ subscriptionArn?: string; watchIds: string[]; delivery: DigestFrequency }> {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(request.email)) throw new ConfigurationError(`"${request.email}" is not an email address`);
  const watchIds = [...new Set((request.watches ?? []).map(watchIdFor).filter(Boolean))];
  const delivery = request.delivery ?? 'as-it-happens';
  const subscriptionArn = await target.subscribeEmail(request.email, watchIds, delivery);
  return { subscriptionArn, watchIds, delivery };
}
