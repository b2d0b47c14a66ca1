// What a publish reports, as it goes and at the end (also inside a PublishError).
import type { BlobOutcome, Descriptor } from '../oci/index.js';
import type { VerifiedRuntime } from './image.js';
import type { TagKind } from './tags.js';

export type PublishEvent =
  | { type: 'blob'; digest: string; size: number; outcome: BlobOutcome }
  | { type: 'tag'; tag: string; digest: string }
  | { type: 'referrer'; digest: string; subject: string };

export interface PublishedTag {
  tag: string;
  kind: TagKind;
  runtime?: VerifiedRuntime;
  digest: string;
  mediaType: string;
  size: number;
  /** `registry/repository:tag@digest`. */
  reference: string;
}

export interface BlobReport {
  digest: string;
  size: number;
  mediaType?: string;
  outcome: BlobOutcome;
  mountedFrom?: string;
  bytesSent: number;
}

export interface PublishResult {
  repository: string;
  tags: PublishedTag[];
  blobs: BlobReport[];
  /** Attestation referrers pushed (with `attestations: true`). */
  referrers: Descriptor[];
  /** The in-toto statements in them, by the digest of the manifest each is about (for signing). */
  statements: AttestedStatement[];
  /** Sum of the sizes of the distinct blobs the tags need. */
  distinctBlobBytes: number;
  /** Sum of the sizes of blobs that had to be uploaded (neither present nor mountable). */
  bytesUploaded: number;
  /** Bytes on the wire for blobs, including retried attempts. */
  bytesSent: number;
  /** The image the layout held and the module in it. */
  image: { digest: string; platform: string; module: string; moduleDigest?: string };
}

export interface AttestedStatement {
  subject: string;
  predicateType: string;
  bytes: Buffer;
}
