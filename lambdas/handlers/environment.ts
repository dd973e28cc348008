import { ConfigurationError } from '../core/errors';

/** A setting the stack gives every deployed function; its absence is a deployment error, not a retry. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigurationError(`environment variable ${name} is not set`);
  return value;
}
