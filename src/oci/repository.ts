// A handle on one repository of one registry: the operations callers use, delegating to the blob
// and manifest modules. It reaches the registry only through a Sender, so it knows nothing of
// authentication, retries or the client that made it.
import {
  blobExists,
  fetchBlob,
  mountBlob,
  pushBlob,
  readBlob,
  type BlobSource,
  type PushBlobOptions,
  type PushBlobResult,
  type UploadPolicy,
} from './blobs.js';
import type { BlobLocations } from './blob-locations.js';
import type { Pusher } from './content.js';
import type { Descriptor } from './media-types.js';
import {
  fetchManifest,
  listReferrers,
  listTags,
  pushManifest,
  pushReferrer,
  resolveManifest,
  type FetchedManifest,
  type PushManifestResult,
} from './manifests.js';
import type { Sender } from './sender.js';
import type { Readable } from 'node:stream';

export interface RepositoryParts {
  sender: Sender;
  uploads: UploadPolicy;
  /** Shared by every repository of the registry: where blobs were seen, for mounts. */
  locations: BlobLocations;
}

/** One repository; as a Pusher, the target of a copy. */
export class Repository implements Pusher {
  readonly sender: Sender;
  readonly uploads: UploadPolicy;
  readonly locations: BlobLocations;

  constructor(
    readonly name: string,
    parts: RepositoryParts,
  ) {
    this.sender = parts.sender;
    this.uploads = parts.uploads;
    this.locations = parts.locations;
  }

  get registry(): string {
    return this.sender.registry;
  }

  /** `registry/name`, as users write it. */
  toString(): string {
    return `${this.sender.registry}/${this.name}`;
  }

  blobExists(digest: string): Promise<{ size: number } | undefined> {
    return blobExists(this, digest);
  }
  mountBlob(digest: string, from: string): Promise<{ mounted: true } | { mounted: false; location: string }> {
    return mountBlob(this, digest, from);
  }
  pushBlob(src: BlobSource, opts?: PushBlobOptions): Promise<PushBlobResult> {
    return pushBlob(this, src, opts);
  }
  fetchBlob(desc: { digest: string; size?: number }): Promise<Readable> {
    return fetchBlob(this, desc);
  }
  readBlob(desc: { digest: string; size?: number }, limit?: number): Promise<Buffer> {
    return readBlob(this, desc, limit);
  }
  fetchManifest(reference: string, accept?: readonly string[]): Promise<FetchedManifest> {
    return fetchManifest(this, reference, accept);
  }
  resolve(reference: string): Promise<Descriptor | undefined> {
    return resolveManifest(this, reference);
  }
  pushManifest(bytes: Uint8Array, mediaType: string, tag?: string): Promise<PushManifestResult> {
    return pushManifest(this, bytes, mediaType, tag);
  }
  pushReferrer(bytes: Uint8Array, mediaType: string): Promise<PushManifestResult> {
    return pushReferrer(this, bytes, mediaType);
  }
  listTags(): Promise<string[]> {
    return listTags(this);
  }
  listReferrers(digest: string, artifactType?: string): Promise<Descriptor[]> {
    return listReferrers(this, digest, artifactType);
  }
}
