// sha256 digests: computing them over buffers and streams, and checking their syntax.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DigestMismatchError, InvalidDigestError } from './errors.js';

const digestPattern = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;

export function sha256(data: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function isDigest(s: string): boolean {
  return digestPattern.test(s);
}

export function assertDigest(s: string): string {
  if (!isDigest(s)) throw new InvalidDigestError(s);
  return s;
}

/** The algorithm part of a digest, for hashing content whose digest is not sha256. */
export function digestAlgorithm(digest: string): 'sha256' | 'sha512' {
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

export function digestOf(data: Uint8Array, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/**
 * A pass-through stream that hashes and counts what flows through it, so uploads and downloads are
 * verified without a second read of the data.
 */
export class DigestingStream extends Transform {
  private readonly hash: Hash;
  bytes = 0;
  /**
   * With `expect`, the stream fails at its end when the content does not match, so a consumer never
   * sees a clean end of corrupt data.
   */
  constructor(
    readonly algorithm: 'sha256' | 'sha512' = 'sha256',
    private readonly expect?: { digest: string; size?: number; what: string },
  ) {
    super();
    this.hash = createHash(algorithm);
  }
  override _flush(cb: TransformCallback): void {
    const e = this.expect;
    if (e && e.size !== undefined && this.bytes !== e.size) {
      return cb(new DigestMismatchError(`${e.what}: size`, String(e.size), String(this.bytes)));
    }
    if (e && this.digest() !== e.digest) return cb(new DigestMismatchError(e.what, e.digest, this.digest()));
    cb();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    cb(null, chunk);
  }
  /** Only valid once the stream has ended. */
  digest(): string {
    return `${this.algorithm}:${this.hash.copy().digest('hex')}`;
  }
}
