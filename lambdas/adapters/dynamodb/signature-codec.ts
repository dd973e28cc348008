/**
 * How MinHash signatures are stored: one string of base-36 hashes per signature instead of a
 * list of numbers. A story item holds up to a dozen signatures of 64 hashes; as lists they were
 * half of its bytes and hundreds of attribute values that the SDK marshals and DynamoDB (or the
 * embedded engine) validates one by one, on every read and write of the story
 * (docs/performance.md). Items written before keep their lists: both forms are read.
 */
const HASH_RADIX = 36;
const SEPARATOR = ' ';

export function encodeSignature(signature: readonly number[]): string {
  return signature.map((hash) => hash.toString(HASH_RADIX)).join(SEPARATOR);
}

export function decodeSignature(stored: unknown): number[] {
  if (typeof stored === 'string') return stored === '' ? [] : stored.split(SEPARATOR).map((hash) => parseInt(hash, HASH_RADIX));
  if (Array.isArray(stored)) return stored.map(Number);
  return [];
}

export function encodeSignatures(signatures: Readonly<Record<string, readonly number[]>>): Record<string, string> {
  const encoded: Record<string, string> = {};
  for (const [id, signature] of Object.entries(signatures)) encoded[id] = encodeSignature(signature);
  return encoded;
}

export function decodeSignatures(stored: unknown): Record<string, number[]> {
  const decoded: Record<string, number[]> = {};
  if (stored && typeof stored === 'object') {
    for (const [id, signature] of Object.entries(stored as Record<string, unknown>)) decoded[id] = decodeSignature(signature);
  }
  return decoded;
}
