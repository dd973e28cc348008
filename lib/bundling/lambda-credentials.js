// In place of @aws-sdk/credential-provider-node in the Lambda bundles (handler-function.ts). In
// Lambda the runtime gives the function role's credentials in the environment (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the first provider of the default chain; the others
// (SSO, ini files, process, web identity, container and instance metadata, with the STS and SSO
// clients they carry: ~90 KB of the ingest bundle) never answer there.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => fromEnv(init);
export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials) => credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300000;
