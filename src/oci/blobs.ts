// Blob operations of the distribution spec: existence (HEAD), cross-repository mount, monolithic
// and chunked uploads, and verified downloads. Blob content is streamed from its source; nothing
// here holds a large blob in memory.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { BlobLocations } from './blob-locations.js';
import { DigestingStream, digestAlgorithm } from './digest.js';
import { DigestMismatchError, OciError, RegistryError } from './errors.js';
import { retryableFailure, withRetry, type RetryEvent, type RetryPolicy } from './retry.js';
import { repositoryScope } from './scope.js';
import type { RepositoryTarget } from './sender.js';

/** Where blob bytes come from: anything that can (re)open a byte range as a stream. */
export interface BlobSource {
  readonly digest: string;
  readonly size: number;
  readonly mediaType?: string;
  /** Opens bytes [start, end) (default: all of it). Called again when an upload is retried. */
  open(start?: number, end?: number): Readable;
}

export function bytesBlob(data: Uint8Array, digest: string, mediaType?: string): BlobSource {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    digest,
    size: buf.length,
    mediaType,
    open: (start = 0, end = buf.length) => Readable.from([buf.subarray(start, end)]),
  };
}

/** A blob stored in a file (e.g. an OCI layout's blobs/sha256/<hex>), read in ranges. */
export function fileBlob(path: string, digest: string, size: number, mediaType?: string): BlobSource {
  return {
    digest,
    size,
    mediaType,
    // createReadStream's `end` is inclusive.
    open: (start = 0, end = size) => createReadStream(path, { start, end: Math.max(start, end) - 1 }),
  };
}

export type BlobOutcome = 'exists' | 'mounted' | 'uploaded';

export interface PushBlobResult {
  digest: string;
  size: number;
  outcome: BlobOutcome;
  /** Repository the blob was mounted from, when mounted. */
  mountedFrom?: string;
  /** Bytes sent on the wire for this blob, including attempts that failed and were retried. */
  bytesSent: number;
}

export interface PushBlobOptions {
  /** Repositories on the same registry that may hold the blob already: mounted from, not uploaded. */
  mountFrom?: string[];
  /** Skip the existence check (the caller just did it). */
  skipExistsCheck?: boolean;
}

/** How blobs go up: one PUT or PATCH chunks, and how often a failed upload starts over. */
export interface UploadPolicy {
  /** Blobs up to this size are uploaded in one PUT; larger ones in PATCH chunks. */
  monolithicMaxBytes: number;
  /** PATCH chunk size (raised to the registry's minimum if it has one). */
  chunkBytes: number;
  retryPolicy: RetryPolicy;
  onRetry?: (e: RetryEvent) => void;
}

/** A repository with what blob pushes need besides the sender: the upload policy and mount sources. */
export interface BlobTarget extends RepositoryTarget {
  readonly uploads: UploadPolicy;
  readonly locations: BlobLocations;
}

function blobPath(t: BlobTarget, digest: string): string {
  return `/v2/${t.name}/blobs/${digest}`;
}

/** HEAD: the blob's size when the repository has it, undefined when it does not. */
export async function blobExists(t: BlobTarget, digest: string): Promise<{ size: number } | undefined> {
  const res = await t.sender.send({
    operation: `check blob ${digest} in ${t.sender.registry}/${t.name}`,
    method: 'HEAD',
    url: blobPath(t, digest),
    scopes: [repositoryScope(t.name, 'pull')],
    expect: [200, 404],
    maxRedirects: 5,
  });
  res.discard();
  if (res.status === 404) return undefined;
  t.locations.remember(digest, t.name);
  return { size: Number(res.header('content-length') ?? -1) };
}

/**
 * POST ?mount=&from=: 201 means mounted; 202 means the registry could not (blob unknown there, or
 * no pull permission on `from`) and opened an upload session instead, whose location is returned.
 */
export async function mountBlob(
  t: BlobTarget,
  digest: string,
  from: string,
): Promise<{ mounted: true } | { mounted: false; location: string }> {
  const q = new URLSearchParams({ mount: digest, from });
  const res = await t.sender.send({
    operation: `mount blob ${digest} from ${from} into ${t.sender.registry}/${t.name}`,
    method: 'POST',
    url: `/v2/${t.name}/blobs/uploads/?${q}`,
    scopes: [repositoryScope(t.name, 'pull', 'push'), repositoryScope(from, 'pull')],
    expect: [201, 202],
  });
  res.discard();
  if (res.status === 201) return { mounted: true };
  return { mounted: false, location: requireLocation(t, res.header('location'), 'mount') };
}

function requireLocation(t: BlobTarget, location: string | undefined, what: string): string {
  if (!location) {
    throw new OciError(
      `${t.sender.registry} answered the ${what} request without a Location header; it does not follow the distribution spec`,
      'PROTOCOL_ERROR',
    );
  }
  return t.sender.resolveUrl(location);
}

async function startUpload(t: BlobTarget): Promise<{ location: string; minChunk: number }> {
  const res = await t.sender.send({
    operation: `start blob upload to ${t.sender.registry}/${t.name}`,
    method: 'POST',
    url: `/v2/${t.name}/blobs/uploads/`,
    scopes: [repositoryScope(t.name, 'pull', 'push')],
    expect: [202],
  });
  res.discard();
  return {
    location: requireLocation(t, res.header('location'), 'upload'),
    minChunk: Number(res.header('oci-chunk-min-length') ?? 0) || 0,
  };
}

function withDigest(location: string, digest: string): string {
  const u = new URL(location);
  u.searchParams.set('digest', digest);
  return u.toString();
}

/** Counts bytes and feeds a hash as they pass, for one attempt of one request body. */
class Meter extends Transform {
  n = 0;
  constructor(private readonly hash?: Hash) {
    super();
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.n += chunk.length;
    this.hash?.update(chunk);
    cb(null, chunk);
  }
}

/** Pipes `from` into `meter`; tearing the meter down (an early answer) closes the source too. */
function through(from: Readable, meter: Meter): Meter {
  from.on('error', (e) => meter.destroy(e));
  meter.on('close', () => from.destroy());
  return from.pipe(meter);
}

/**
 * Makes sure the repository has the blob: skips it when present, mounts it when a listed repository
 * has it, else uploads it (one PUT up to `monolithicMaxBytes`, PATCH chunks beyond). A failed upload
 * restarts from a new session with backoff, since a broken session's state is unknowable.
 */
export async function pushBlob(
  t: BlobTarget,
  src: BlobSource,
  opts: PushBlobOptions = {},
): Promise<PushBlobResult> {
  const base = { digest: src.digest, size: src.size };
  if (!opts.skipExistsCheck) {
    const have = await blobExists(t, src.digest);
    if (have && (have.size === src.size || have.size < 0))
      return { ...base, outcome: 'exists', bytesSent: 0 };
  }
  let session: { location: string; minChunk: number } | undefined;
  // Explicit sources first, then repositories this client saw holding the blob.
  const sources = new Set([...(opts.mountFrom ?? []), ...t.locations.of(src.digest)]);
  sources.delete(t.name);
  for (const from of sources) {
    const m = await mountBlob(t, src.digest, from);
    if (m.mounted) {
      t.locations.remember(src.digest, t.name);
      return { ...base, outcome: 'mounted', mountedFrom: from, bytesSent: 0 };
    }
    // Reuse the session the failed mount opened rather than leaving it dangling.
    session = { location: m.location, minChunk: 0 };
  }
  const { uploads } = t;
  let bytesSent = 0;
  await withRetry(
    { operation: `upload blob ${src.digest}`, policy: uploads.retryPolicy, onRetry: uploads.onRetry },
    async () => {
      try {
        // A retry starts a new session: a broken one's state is unknowable.
        const s = session ?? (await startUpload(t));
        session = undefined;
        const sent =
          src.size <= uploads.monolithicMaxBytes
            ? await uploadMonolithic(t, src, s.location)
            : await uploadChunked(t, src, s.location, Math.max(uploads.chunkBytes, s.minChunk));
        bytesSent += sent.attempted;
      } catch (e) {
        if (!(e instanceof UploadAttemptError)) throw e;
        bytesSent += e.attempted;
        throw e.cause;
      }
    },
    retryableFailure,
  );
  t.locations.remember(src.digest, t.name);
  return { ...base, outcome: 'uploaded', bytesSent };
}

/** Carries the bytes an upload attempt sent before failing, for honest accounting. */
class UploadAttemptError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly attempted: number,
  ) {
    super('upload attempt failed');
  }
}

async function uploadMonolithic(
  t: BlobTarget,
  src: BlobSource,
  location: string,
): Promise<{ attempted: number }> {
  let meter: Meter | undefined;
  let hash: Hash | undefined;
  try {
    const res = await t.sender.send({
      operation: `upload blob ${src.digest} to ${t.sender.registry}/${t.name}`,
      method: 'PUT',
      url: withDigest(location, src.digest),
      headers: { 'content-type': 'application/octet-stream' },
      body: {
        length: src.size,
        open: () => {
          hash = createHash(digestAlgorithm(src.digest));
          meter = new Meter(hash);
          return through(src.open(), meter);
        },
      },
      scopes: [repositoryScope(t.name, 'pull', 'push')],
      expect: [201, 204],
      retry: false,
    });
    res.discard();
    checkSent(src, hash, meter?.n ?? 0);
    checkAnnouncedDigest(t, src.digest, res.header('docker-content-digest'));
    return { attempted: meter?.n ?? 0 };
  } catch (e) {
    // A local file that changed under us is the better explanation for a DIGEST_INVALID.
    if (e instanceof RegistryError && e.has('DIGEST_INVALID') && hash && meter) checkSent(src, hash, meter.n);
    throw new UploadAttemptError(e, meter?.n ?? 0);
  }
}

async function uploadChunked(
  t: BlobTarget,
  src: BlobSource,
  startLocation: string,
  chunkBytes: number,
): Promise<{ attempted: number }> {
  let location = startLocation;
  // `committed` covers the chunks the registry accepted; each attempt hashes into a copy of it.
  let committed = createHash(digestAlgorithm(src.digest));
  let attempted = 0;
  // The chunk in flight: its bytes count as sent even when its request fails.
  let inflight: Meter | undefined;
  const op = `upload blob ${src.digest} to ${t.sender.registry}/${t.name}`;
  try {
    for (let off = 0; off < src.size; off += chunkBytes) {
      const end = Math.min(src.size, off + chunkBytes);
      let attempt: Hash = committed;
      let meter: Meter | undefined;
      const res = await t.sender.send({
        operation: op,
        method: 'PATCH',
        url: location,
        headers: { 'content-type': 'application/octet-stream', 'content-range': `${off}-${end - 1}` },
        body: {
          length: end - off,
          open: () => {
            attempt = committed.copy();
            meter = new Meter(attempt);
            inflight = meter;
            return through(src.open(off, end), meter);
          },
        },
        scopes: [repositoryScope(t.name, 'pull', 'push')],
        expect: [202, 204],
        retry: false,
      });
      res.discard();
      attempted += meter?.n ?? 0;
      inflight = undefined;
      if ((meter?.n ?? 0) !== end - off) {
        throw new DigestMismatchError(
          `blob ${src.digest}: bytes [${off}, ${end}) read`,
          String(end - off),
          String(meter?.n),
        );
      }
      committed = attempt;
      const range = res.header('range');
      if (range && !new RegExp(`^(bytes=)?0-${end - 1}$`).test(range)) {
        throw new OciError(
          `${t.sender.registry} reports upload range ${range} after sending bytes 0-${end - 1} of ${src.digest}`,
          'PROTOCOL_ERROR',
        );
      }
      location = requireLocation(t, res.header('location') ?? location, 'chunk upload');
    }
    const actual = `${digestAlgorithm(src.digest)}:${committed.digest('hex')}`;
    if (actual !== src.digest) {
      await cancelUpload(t, location);
      throw new DigestMismatchError(`blob content read for upload`, src.digest, actual);
    }
    const res = await t.sender.send({
      operation: op,
      method: 'PUT',
      url: withDigest(location, src.digest),
      scopes: [repositoryScope(t.name, 'pull', 'push')],
      expect: [201, 204],
      retry: false,
    });
    res.discard();
    checkAnnouncedDigest(t, src.digest, res.header('docker-content-digest'));
    return { attempted };
  } catch (e) {
    if (e instanceof DigestMismatchError || e instanceof UploadAttemptError) throw e;
    throw new UploadAttemptError(e, attempted + (inflight?.n ?? 0));
  }
}

function checkSent(src: BlobSource, hash: Hash | undefined, n: number): void {
  if (n !== src.size)
    throw new DigestMismatchError(`blob ${src.digest}: size read for upload`, String(src.size), String(n));
  if (hash) {
    const actual = `${digestAlgorithm(src.digest)}:${hash.copy().digest('hex')}`;
    if (actual !== src.digest)
      throw new DigestMismatchError('blob content read for upload', src.digest, actual);
  }
}

function checkAnnouncedDigest(t: BlobTarget, expected: string, announced: string | undefined): void {
  if (announced && announced !== expected) {
    throw new DigestMismatchError(
      `${t.sender.registry} stored the blob under another digest`,
      expected,
      announced,
    );
  }
}

/** Best effort: frees the registry's upload session. */
async function cancelUpload(t: BlobTarget, location: string): Promise<void> {
  try {
    const res = await t.sender.send({
      operation: 'cancel upload',
      method: 'DELETE',
      url: location,
      scopes: [repositoryScope(t.name, 'pull', 'push')],
      expect: [204, 404],
      retry: false,
    });
    res.discard();
  } catch {
    // The session expires on its own.
  }
}

/**
 * GET a blob as a stream that fails at its end unless digest and size match. Redirects to storage
 * are followed (without the registry's credentials).
 */
export async function fetchBlob(t: BlobTarget, desc: { digest: string; size?: number }): Promise<Readable> {
  const res = await t.sender.send({
    operation: `fetch blob ${desc.digest} from ${t.sender.registry}/${t.name}`,
    method: 'GET',
    url: blobPath(t, desc.digest),
    scopes: [repositoryScope(t.name, 'pull')],
    expect: [200],
    maxRedirects: 5,
  });
  const verify = new DigestingStream(digestAlgorithm(desc.digest), {
    digest: desc.digest,
    size: desc.size,
    what: `blob ${desc.digest} from ${t.sender.registry}/${t.name}`,
  });
  res.body.on('error', (e) => verify.destroy(e));
  return res.body.pipe(verify);
}

/** A whole (small) blob in memory, verified. */
export async function readBlob(
  t: BlobTarget,
  desc: { digest: string; size?: number },
  limit = 64 * 1024 * 1024,
): Promise<Buffer> {
  if (desc.size !== undefined && desc.size > limit) {
    throw new OciError(
      `blob ${desc.digest} is ${desc.size} bytes, over the ${limit}-byte limit for reading into memory`,
      'TOO_LARGE',
    );
  }
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of await fetchBlob(t, desc)) {
    n += (c as Buffer).length;
    if (n > limit) throw new OciError(`blob ${desc.digest} exceeds ${limit} bytes`, 'TOO_LARGE');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
