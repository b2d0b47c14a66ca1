import { createHash } from 'node:crypto';

/** The digest BuildKit keys an op by: sha256 over exactly the bytes sent, as `sha256:<hex>`. */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
