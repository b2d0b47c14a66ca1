// Publishes one build (an OCI layout) as the multi-runtime tags of README section 3: blobs first,
// each distinct blob once (skipped when present, mounted when a sibling repository has it), then the
// manifests, tag by tag, so every tag that exists points at complete content.
import { bytesBlob, type BlobOutcome, type BlobSource } from '../oci/blobs.js';
import { RegistryClient, type RegistryClientOptions } from '../oci/client.js';
import { extractModule, findWasmImage, openLayout, type OciLayout, type WasmImage } from '../oci/layout.js';
import { type Descriptor } from '../oci/media-types.js';
import { parseReference } from '../oci/reference.js';
import { formatPlatform } from '../primitives/platform.js';
import type { Repository } from '../oci/repository.js';
import { artifactCreated, buildWasmArtifact, type Blob } from './artifact.js';
import { PublishError } from './errors.js';
import {
  attestationReferrer,
  containerImageManifest,
  runtimeImageManifest,
  type VerifiedRuntime,
} from './image.js';
import { planTags, type PlannedTag, type TagKind } from './tags.js';

export interface PublishOptions {
  /** A layout directory or tar (buildx/buildctl `--output type=oci`), or one already open. */
  layout: string | OciLayout;
  /** `registry/repository`, without tag. */
  repository: string;
  /** The base tags T; each gets T, T<wasmSuffix> and T-<runtime>. */
  tags: string[];
  /** Runtimes whose test-run passed: one `T-<name>` tag each. */
  runtimes?: VerifiedRuntime[];
  /** Default "-wasm"; false (or "") skips the CNCF artifact. */
  wasmSuffix?: string | false;
  /** Also push BuildKit's attestations, as OCI 1.1 referrers of T (T itself stays a manifest). */
  attestations?: boolean;
  /** The artifact config's `created`; default: the image config's, else SOURCE_DATE_EPOCH. */
  created?: string;
  author?: string;
  /** Which image in the layout; default wasi/wasm. */
  platform?: { os: string; architecture: string };
  /** A client to reuse (its token cache and known blob locations); else one from clientOptions. */
  client?: RegistryClient;
  clientOptions?: RegistryClientOptions;
  /** Repositories on the same registry to mount blobs from. */
  mountFrom?: string[];
  /** Blob uploads in parallel. Default 4. */
  concurrency?: number;
  onProgress?: (e: PublishEvent) => void;
  env?: NodeJS.ProcessEnv;
}

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
  /** Sum of the sizes of the distinct blobs the tags need. */
  distinctBlobBytes: number;
  /** Sum of the sizes of blobs that had to be uploaded (neither present nor mountable). */
  bytesUploaded: number;
  /** Bytes on the wire for blobs, including retried attempts. */
  bytesSent: number;
  /** The image the layout held and the module in it. */
  image: { digest: string; platform: string; module: string; moduleDigest?: string };
}

interface PlannedManifest extends PlannedTag {
  manifest: Blob;
}

interface PlannedBlob {
  digest: string;
  size: number;
  mediaType: string;
  source: () => Promise<BlobSource>;
}

/** Pushes T, T-wasm and T-<runtime> for every tag; see PublishOptions. */
export async function publish(opts: PublishOptions): Promise<PublishResult> {
  const ref = parseReference(opts.repository);
  if (ref.tag || ref.digest) {
    throw new Error(
      `publish: give the repository without tag or digest (got ${opts.repository}); tags go in \`tags\``,
    );
  }
  const repoName = `${ref.registry}/${ref.repository}`;
  const plan = planTags(opts.tags, { wasmSuffix: opts.wasmSuffix, runtimes: opts.runtimes });
  const layout = typeof opts.layout === 'string' ? await openLayout(opts.layout) : opts.layout;
  const client = opts.client ?? new RegistryClient(opts.clientOptions);
  try {
    const image = await findWasmImage(layout, { platform: opts.platform });
    const { manifests, blobs, referrers, module } = await prepare(layout, image, plan, opts);
    const repo = client.repository(ref);
    return await push(repo, repoName, image, manifests, blobs, referrers, module, opts);
  } finally {
    if (typeof opts.layout === 'string') await layout.close();
    if (!opts.client) client.close();
  }
}

async function prepare(layout: OciLayout, image: WasmImage, plan: PlannedTag[], opts: PublishOptions) {
  const blobs = new Map<string, PlannedBlob>();
  const addLayoutBlob = (d: Descriptor) => {
    if (!blobs.has(d.digest)) {
      blobs.set(d.digest, {
        digest: d.digest,
        size: d.size,
        mediaType: d.mediaType,
        source: () => layout.blob(d),
      });
    }
  };
  const addBytes = (b: Blob) => {
    if (!blobs.has(b.descriptor.digest)) {
      blobs.set(b.descriptor.digest, {
        ...b.descriptor,
        source: () => Promise.resolve(bytesBlob(b.bytes, b.descriptor.digest, b.descriptor.mediaType)),
      });
    }
  };
  addLayoutBlob(image.manifest.config);
  for (const l of image.manifest.layers) addLayoutBlob(l);

  const imageManifest = containerImageManifest(image);
  let artifact: ReturnType<typeof buildWasmArtifact> | undefined;
  let module: { path: string; digest?: string } = { path: '' };
  if (plan.some((p) => p.kind === 'artifact')) {
    const m = await extractModule(layout, image);
    artifact = buildWasmArtifact({
      module: m.bytes,
      created: artifactCreated(opts.created, image.config.created, opts.env),
      author: opts.author ?? image.config.author,
    });
    addBytes(artifact.config);
    addBytes(artifact.layer);
    module = { path: m.path, digest: artifact.layer.descriptor.digest };
  } else {
    const entry = image.config.config?.Entrypoint?.[0];
    module = { path: entry ?? '' };
  }
  const manifests: PlannedManifest[] = plan.map((p) => {
    if (p.kind === 'image') return { ...p, manifest: imageManifest };
    if (p.kind === 'artifact') return { ...p, manifest: artifact!.manifest };
    return { ...p, manifest: runtimeImageManifest(image, p.runtime!) };
  });
  const referrers: Blob[] = [];
  if (opts.attestations) {
    for (const a of image.attestations) {
      addLayoutBlob(a.manifest.config);
      for (const l of a.manifest.layers) addLayoutBlob(l);
      referrers.push(attestationReferrer(a.bytes, imageManifest));
    }
  }
  return { manifests, blobs: [...blobs.values()], referrers, module };
}

async function push(
  repo: Repository,
  repoName: string,
  image: WasmImage,
  manifests: PlannedManifest[],
  blobs: PlannedBlob[],
  referrers: Blob[],
  module: { path: string; digest?: string },
  opts: PublishOptions,
): Promise<PublishResult> {
  const reports: BlobReport[] = [];
  const pushed: PublishedTag[] = [];
  const pushedReferrers: Descriptor[] = [];
  try {
    await eachLimited(blobs, opts.concurrency ?? 4, async (b) => {
      const r = await repo.pushBlob(await b.source(), { mountFrom: opts.mountFrom });
      reports.push({
        digest: b.digest,
        size: b.size,
        mediaType: b.mediaType,
        outcome: r.outcome,
        mountedFrom: r.mountedFrom,
        bytesSent: r.bytesSent,
      });
      opts.onProgress?.({ type: 'blob', digest: b.digest, size: b.size, outcome: r.outcome });
    });
    // Manifests strictly after all blobs: a registry may accept a manifest before its blobs exist,
    // and a client pulling it then would fail.
    for (const m of manifests) {
      const res = await repo.pushManifest(m.manifest.bytes, m.manifest.descriptor.mediaType, m.tag);
      const t: PublishedTag = {
        tag: m.tag,
        kind: m.kind,
        digest: res.descriptor.digest,
        mediaType: res.descriptor.mediaType,
        size: res.descriptor.size,
        reference: `${repoName}:${m.tag}@${res.descriptor.digest}`,
      };
      if (m.runtime) t.runtime = m.runtime;
      pushed.push(t);
      opts.onProgress?.({ type: 'tag', tag: m.tag, digest: res.descriptor.digest });
    }
    for (const r of referrers) {
      const res = await repo.pushReferrer(r.bytes, r.descriptor.mediaType);
      pushedReferrers.push(res.descriptor);
      opts.onProgress?.({
        type: 'referrer',
        digest: res.descriptor.digest,
        subject: image.descriptor.digest,
      });
    }
  } catch (e) {
    const done = new Set(pushed.map((t) => t.tag));
    throw new PublishError(
      repoName,
      pushed,
      manifests.map((m) => m.tag).filter((t) => !done.has(t)),
      reports,
      e,
    );
  }
  // Report blobs in a stable order (pushes complete in any order).
  const order = new Map(blobs.map((b, i) => [b.digest, i]));
  reports.sort((a, b) => order.get(a.digest)! - order.get(b.digest)!);
  return {
    repository: repoName,
    tags: pushed,
    blobs: reports,
    referrers: pushedReferrers,
    distinctBlobBytes: blobs.reduce((n, b) => n + b.size, 0),
    bytesUploaded: reports.filter((r) => r.outcome === 'uploaded').reduce((n, r) => n + r.size, 0),
    bytesSent: reports.reduce((n, r) => n + r.bytesSent, 0),
    image: {
      digest: image.descriptor.digest,
      platform: formatPlatform(image.platform),
      module: module.path,
      moduleDigest: module.digest,
    },
  };
}

/** Runs `fn` over items with at most `limit` in flight; the first failure stops new work. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed;
}
