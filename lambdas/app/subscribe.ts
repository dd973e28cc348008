import { ConfigurationError } from '../core/errors';
import type { DeployedTarget } from './target';
import { watchIdFor } from './watches';

/**
 * `subscribe --email … [--watch …]`: an email subscription to the stack's alerts topic, filtered
 * on the `watchIds` message attribute when watches are named (alerts for stories they track).
 */
export async function subscribeByEmail(
  target: Pick<DeployedTarget, 'subscribeEmail'>,
  request: { email: string; watches?: string[] },
): Promise<{ subscriptionArn?: string; watchIds: string[] }> {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(request.email)) throw new ConfigurationError(`"${request.email}" is not an email address`);
  const watchIds = [...new Set((request.watches ?? []).map(watchIdFor).filter(Boolean))];
  const subscriptionArn = await target.subscribeEmail(request.email, watchIds);
  return { subscriptionArn, watchIds };
}
