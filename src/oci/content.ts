// Small content interfaces, after oras-go's: a Fetcher gives a blob's bytes for its descriptor, a Pusher
// stores them, and copyBlobs moves a set of descriptors from any Fetcher to any Pusher. The OCI layout
// and a MemoryStore are Fetchers; a registry Repository is a Pusher.
import { bytesBlob, type BlobSource, type PushBlobOptions, type PushBlobResult } from './blobs.js';
import type { Descriptor } from './media-types.js';
import { sha256 } from './digest.js';

export interface Fetcher {
  fetch(desc: Descriptor): Promise<BlobSource>;
}

export interface Pusher {
  /** Makes sure the store holds the blob: present already, mounted from a sibling, or uploaded. */
  pushBlob(content: BlobSource, opts?: PushBlobOptions): Promise<PushBlobResult>;
}

/** Blobs made in memory (generated configs and manifests), over another Fetcher for everything else. */
export class MemoryStore implements Fetcher {
  private readonly blobs = new Map<string, { descriptor: Descriptor; bytes: Buffer }>();

  constructor(private readonly fallback?: Fetcher) {}

  /** Stores bytes and returns their descriptor. */
  add(mediaType: string, bytes: Uint8Array): Descriptor {
    const buf = Buffer.from(bytes);
    const descriptor = { mediaType, digest: sha256(buf), size: buf.length };
    this.blobs.set(descriptor.digest, { descriptor, bytes: buf });
    return descriptor;
  }

  fetch(desc: Descriptor): Promise<BlobSource> {
    const hit = this.blobs.get(desc.digest);
    if (hit) return Promise.resolve(bytesBlob(hit.bytes, hit.descriptor.digest, hit.descriptor.mediaType));
    if (this.fallback) return this.fallback.fetch(desc);
    return Promise.reject(new Error(`no blob ${desc.digest} in memory`));
  }
}

export interface CopyOptions extends PushBlobOptions {
  /** Blobs in flight at once. Default 4. */
  concurrency?: number;
  /** Called as each blob is done, in completion order. */
  onCopied?: (desc: Descriptor, result: PushBlobResult) => void;
}

/**
 * Copies every distinct descriptor's blob from `from` to `to`. The first failure stops new copies and is
 * thrown once those in flight have settled; the results of the copies that finished are returned in the
 * descriptors' order either way (through `onCopied` when it throws).
 */
export async function copyBlobs(
  descriptors: readonly Descriptor[],
  from: Fetcher,
  to: Pusher,
  opts: CopyOptions = {},
): Promise<PushBlobResult[]> {
  const distinct = [...new Map(descriptors.map((d) => [d.digest, d])).values()];
  const results = new Map<string, PushBlobResult>();
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && next < distinct.length) {
      const desc = distinct[next++]!;
      try {
        const result = await to.pushBlob(await from.fetch(desc), opts);
        results.set(desc.digest, result);
        opts.onCopied?.(desc, result);
      } catch (e) {
        failed ??= { error: e };
      }
    }
  };
  const workers = Math.max(1, Math.min(opts.concurrency ?? 4, distinct.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failed) throw failed.error;
  return distinct.map((d) => results.get(d.digest)!);
}
