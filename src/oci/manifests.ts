// Manifest and index operations: GET/HEAD/PUT with the right media types and digest checks, tag
// listing with pagination, and OCI 1.1 referrers with the tag-schema fallback for registries
// without the referrers API.
import type { RepositoryTarget } from './sender.js';
import { digestAlgorithm, digestOf, isDigest } from './digest.js';
import { DigestMismatchError, NotFoundError, OciError } from './errors.js';
import { MediaType, manifestMediaTypes, type Descriptor, type ImageIndex } from './media-types.js';
import { repositoryScope } from './scope.js';

/** The distribution spec's recommended ceiling for manifests; larger ones are refused unread. */
export const maxManifestBytes = 4 * 1024 * 1024;

export interface FetchedManifest {
  descriptor: Descriptor;
  bytes: Buffer;
  /** The parsed JSON (manifest or index). */
  json: Record<string, unknown>;
}

function manifestPath(t: RepositoryTarget, reference: string): string {
  return `/v2/${t.name}/manifests/${reference}`;
}

function where(t: RepositoryTarget, reference: string): string {
  return `${t.sender.registry}/${t.name}${isDigest(reference) ? '@' : ':'}${reference}`;
}

function contentType(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim() || undefined;
}

/** GET a manifest by tag or digest; verifies the content against the digest asked for or announced. */
export async function fetchManifest(
  t: RepositoryTarget,
  reference: string,
  accept = manifestMediaTypes,
): Promise<FetchedManifest> {
  const res = await t.sender.send({
    operation: `fetch manifest ${where(t, reference)}`,
    method: 'GET',
    url: manifestPath(t, reference),
    headers: { accept: accept.join(', ') },
    scopes: [repositoryScope(t.name, 'pull')],
    expect: [200],
  });
  const declared = Number(res.header('content-length') ?? 0);
  if (declared > maxManifestBytes) {
    res.discard();
    throw new OciError(
      `manifest ${where(t, reference)} is ${declared} bytes, over the 4 MiB limit`,
      'TOO_LARGE',
    );
  }
  const bytes = await res.bytes(maxManifestBytes);
  const announced = res.header('docker-content-digest');
  const expected = isDigest(reference) ? reference : announced;
  const digest = digestOf(bytes, expected ? digestAlgorithm(expected) : 'sha256');
  if (expected && expected !== digest) {
    throw new DigestMismatchError(`manifest ${where(t, reference)}`, expected, digest);
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new OciError(`manifest ${where(t, reference)} is not JSON`, 'INVALID_MANIFEST');
  }
  const mediaType =
    (typeof json.mediaType === 'string' ? json.mediaType : undefined) ??
    contentType(res.header('content-type')) ??
    MediaType.ociManifest;
  return { descriptor: { mediaType, digest, size: bytes.length }, bytes, json };
}

/** HEAD a manifest: its descriptor, or undefined when the tag or digest does not exist. */
export async function resolveManifest(
  t: RepositoryTarget,
  reference: string,
): Promise<Descriptor | undefined> {
  const res = await t.sender.send({
    operation: `resolve ${where(t, reference)}`,
    method: 'HEAD',
    url: manifestPath(t, reference),
    headers: { accept: manifestMediaTypes.join(', ') },
    scopes: [repositoryScope(t.name, 'pull')],
    expect: [200, 404],
  });
  res.discard();
  if (res.status === 404) return undefined;
  const digest = res.header('docker-content-digest') ?? (isDigest(reference) ? reference : undefined);
  if (!digest) {
    // Without the header only a GET can tell the digest.
    return (await fetchManifest(t, reference)).descriptor;
  }
  return {
    mediaType: contentType(res.header('content-type')) ?? MediaType.ociManifest,
    digest,
    size: Number(res.header('content-length') ?? 0),
  };
}

export interface PushManifestResult {
  descriptor: Descriptor;
  /** The registry processed the manifest's `subject` (OCI-Subject header): it has the referrers API. */
  subjectAccepted: boolean;
}

/**
 * PUT a manifest under a tag (or its digest when no tag is given). The bytes are sent as they are:
 * the digest is of exactly these bytes, which is what makes pushes reproducible.
 */
export async function pushManifest(
  t: RepositoryTarget,
  bytes: Uint8Array,
  mediaType: string,
  tag?: string,
): Promise<PushManifestResult> {
  const digest = digestOf(bytes);
  const reference = tag ?? digest;
  const res = await t.sender.send({
    operation: `push manifest ${where(t, reference)}`,
    method: 'PUT',
    url: manifestPath(t, reference),
    headers: { 'content-type': mediaType },
    body: bytes,
    scopes: [repositoryScope(t.name, 'pull', 'push')],
    expect: [201, 200, 204],
  });
  res.discard();
  const announced = res.header('docker-content-digest');
  if (announced && announced !== digest) {
    throw new DigestMismatchError(
      `${t.sender.registry} stored manifest ${where(t, reference)} under another digest`,
      digest,
      announced,
    );
  }
  return {
    descriptor: { mediaType, digest, size: bytes.byteLength },
    subjectAccepted: res.header('oci-subject') !== undefined,
  };
}

/** All tags of a repository, following Link pagination. */
export async function listTags(t: RepositoryTarget, pageSize = 1000): Promise<string[]> {
  const tags: string[] = [];
  let url: string | undefined = `/v2/${t.name}/tags/list?n=${pageSize}`;
  while (url) {
    const res = await t.sender.send({
      operation: `list tags of ${t.sender.registry}/${t.name}`,
      method: 'GET',
      url,
      scopes: [repositoryScope(t.name, 'pull')],
      expect: [200],
    });
    const body = JSON.parse(await res.text()) as { tags?: string[] | null };
    tags.push(...(body.tags ?? []));
    const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(res.header('link') ?? '');
    url = next?.[1];
  }
  return tags;
}

/** The referrers fallback tag for a digest (OCI distribution 1.1): `<alg>-<hex>`. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-');
}

/**
 * Manifests whose `subject` is `digest`: from the referrers API, or from the fallback tag's index
 * when the registry has no such API (it answers 404).
 */
export async function listReferrers(
  t: RepositoryTarget,
  digest: string,
  artifactType?: string,
): Promise<Descriptor[]> {
  const q = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
  const res = await t.sender.send({
    operation: `list referrers of ${where(t, digest)}`,
    method: 'GET',
    url: `/v2/${t.name}/referrers/${digest}${q}`,
    headers: { accept: MediaType.ociIndex },
    scopes: [repositoryScope(t.name, 'pull')],
    expect: [200, 404],
  });
  let manifests: Descriptor[];
  if (res.status === 200 && contentType(res.header('content-type')) === MediaType.ociIndex) {
    manifests = (JSON.parse(await res.text()) as ImageIndex).manifests ?? [];
  } else {
    res.discard();
    manifests = (await fallbackIndex(t, digest)).manifests;
  }
  return artifactType ? manifests.filter((m) => m.artifactType === artifactType) : manifests;
}

async function fallbackIndex(t: RepositoryTarget, digest: string): Promise<ImageIndex> {
  try {
    const got = await fetchManifest(t, referrersTag(digest), [MediaType.ociIndex]);
    return got.json as unknown as ImageIndex;
  } catch (e) {
    if (e instanceof NotFoundError) return { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [] };
    throw e;
  }
}

/**
 * Pushes a manifest that has a `subject`. When the registry does not process subjects, the
 * fallback tag's index is updated (read, add, write; concurrent writers can race, as in the spec).
 */
export async function pushReferrer(
  t: RepositoryTarget,
  bytes: Uint8Array,
  mediaType: string,
): Promise<PushManifestResult> {
  const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
    subject?: Descriptor;
    artifactType?: string;
    config?: Descriptor;
    annotations?: Record<string, string>;
  };
  if (!parsed.subject) throw new OciError('pushReferrer: the manifest has no subject', 'INVALID_MANIFEST');
  const pushed = await pushManifest(t, bytes, mediaType);
  if (pushed.subjectAccepted) return pushed;
  const index = await fallbackIndex(t, parsed.subject.digest);
  if (!index.manifests.some((m) => m.digest === pushed.descriptor.digest)) {
    const entry: Descriptor = { ...pushed.descriptor };
    const artifactType = parsed.artifactType ?? parsed.config?.mediaType;
    if (artifactType) entry.artifactType = artifactType;
    if (parsed.annotations) entry.annotations = parsed.annotations;
    index.manifests.push(entry);
    const body = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: index.manifests }),
    );
    await pushManifest(t, body, MediaType.ociIndex, referrersTag(parsed.subject.digest));
  }
  return pushed;
}
