// Publishes one build (a wasm image, read once from its OCI layout) as the multi-runtime tags: a copy
// of the tags' blobs from the layout (plus the artifact's, made in memory) to the repository, each distinct blob once (skipped when
// present, mounted when a sibling repository has it), then the manifests (all tags at once), so every
// tag that exists points at complete content.
import {
  copyBlobs,
  MemoryStore,
  parseReference,
  RegistryClient,
  type Descriptor,
  type RegistryClientOptions,
  type Repository,
} from '../oci/index.js';
import { formatPlatform } from '../primitives/platform.js';
import { openWasmImage, type WasmImage } from '../wasm-image/index.js';
import { artifactCreated, buildWasmArtifact, type Blob } from './artifact.js';
import { PublishError } from './errors.js';
import { containerImageManifest, runtimeImageManifest, type VerifiedRuntime } from './image.js';
import { attestationReferrers, PREDICATE_TYPE_ANNOTATION, type VerificationRecord } from './provenance.js';
import type { AttestedStatement, BlobReport, PublishedTag, PublishEvent, PublishResult } from './results.js';
import { planTags, type PlannedTag } from './tags.js';

export interface PublishOptions {
  /** A layout directory or tar (buildx/buildctl `--output type=oci`), or an image already open. */
  image: string | WasmImage;
  /** `registry/repository`, without tag. */
  repository: string;
  /** The base tags T; each gets T, T<wasmSuffix> and T-<runtime>. */
  tags: string[];
  /** Runtimes whose test-run passed: one `T-<name>` tag each. */
  runtimes?: VerifiedRuntime[];
  /** Default "-wasm"; false (or "") skips the CNCF artifact. */
  wasmSuffix?: string | false;
  /**
   * Also push the build's attestations as OCI 1.1 referrers of every manifest pushed (T, T-wasm, each
   * T-<runtime>; T itself stays a manifest), the provenance with `verification` in it.
   */
  attestations?: boolean;
  verification?: VerificationRecord;
  /** The artifact config's `created`; default: the image config's, else SOURCE_DATE_EPOCH. */
  created?: string;
  author?: string;
  /** Which image in the layout, when `image` is a path; default wasi/wasm. */
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

interface PlannedManifest extends PlannedTag {
  manifest: Blob;
}

/** What one publish copies: the blobs (from the layout, or made in memory), then manifests and referrers. */
interface PublishPlan {
  /** The layout, with the artifact's config and layer added in memory. */
  store: MemoryStore;
  blobs: Descriptor[];
  manifests: PlannedManifest[];
  /** Referrer manifests, each with the digest of the manifest it refers to. */
  referrers: { manifest: Blob; subject: string }[];
  statements: AttestedStatement[];
  module: { path: string; digest?: string };
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
  const tags = planTags(opts.tags, { wasmSuffix: opts.wasmSuffix, runtimes: opts.runtimes });
  const image =
    typeof opts.image === 'string'
      ? await openWasmImage(opts.image, { platform: opts.platform })
      : opts.image;
  const client = opts.client ?? new RegistryClient(opts.clientOptions);
  try {
    const plan = await planContent(image, tags, repoName, opts);
    return await copyToRepository(client.repository(ref), repoName, image, plan, opts);
  } finally {
    if (typeof opts.image === 'string') await image.close();
    if (!opts.client) client.close();
  }
}

async function planContent(
  image: WasmImage,
  tags: PlannedTag[],
  repoName: string,
  opts: PublishOptions,
): Promise<PublishPlan> {
  const store = new MemoryStore(image.layout);
  const blobs: Descriptor[] = [image.manifest.config, ...image.manifest.layers];
  const imageManifest = containerImageManifest(image);
  let artifact: ReturnType<typeof buildWasmArtifact> | undefined;
  let module: PublishPlan['module'] = { path: image.config.config?.Entrypoint?.[0] ?? '' };
  if (tags.some((t) => t.kind === 'artifact')) {
    const m = await image.entrypoint();
    artifact = buildWasmArtifact({
      module: m.bytes,
      created: artifactCreated(opts.created, image.config.created, opts.env),
      author: opts.author ?? image.config.author,
    });
    for (const b of [artifact.config, artifact.layer]) blobs.push(store.add(b.descriptor.mediaType, b.bytes));
    module = { path: m.path, digest: artifact.layer.descriptor.digest };
  }
  const manifests: PlannedManifest[] = tags.map((t) => {
    if (t.kind === 'image') return { ...t, manifest: imageManifest };
    if (t.kind === 'artifact') return { ...t, manifest: artifact!.manifest };
    return { ...t, manifest: runtimeImageManifest(image, t.runtime!) };
  });
  const referrers: PublishPlan['referrers'] = [];
  const statements: AttestedStatement[] = [];
  if (opts.attestations) {
    // Once per distinct manifest: T-<runtime> differs from T by its annotations, T-wasm entirely.
    const subjects = new Map(manifests.map((m) => [m.manifest.descriptor.digest, m]));
    for (const m of subjects.values()) {
      const name = `${repoName}:${m.tag}`;
      const made = await attestationReferrers(
        image.attestations,
        image.layout,
        m.manifest,
        name,
        opts.verification,
      );
      for (const r of made) {
        blobs.push(...r.reused, ...r.blobs.map((b) => store.add(b.descriptor.mediaType, b.bytes)));
        referrers.push({ manifest: r.manifest, subject: m.manifest.descriptor.digest });
        for (const b of r.blobs) {
          const predicateType = b.descriptor.annotations?.[PREDICATE_TYPE_ANNOTATION] ?? '';
          statements.push({ subject: m.manifest.descriptor.digest, predicateType, bytes: b.bytes });
        }
      }
    }
  }
  return {
    store,
    blobs: [...new Map(blobs.map((b) => [b.digest, b])).values()],
    manifests,
    referrers,
    statements,
    module,
  };
}

/** Blobs first (each distinct one once), then every manifest at once, then referrers. */
async function copyToRepository(
  repo: Repository,
  repoName: string,
  image: WasmImage,
  plan: PublishPlan,
  opts: PublishOptions,
): Promise<PublishResult> {
  const reports: BlobReport[] = [];
  const pushed: PublishedTag[] = [];
  const pushedReferrers: Descriptor[] = [];
  const unconfirmed: string[] = [];
  try {
    await copyBlobs(plan.blobs, plan.store, repo, {
      concurrency: opts.concurrency,
      mountFrom: opts.mountFrom,
      onCopied: (d, r) => {
        reports.push({
          digest: d.digest,
          size: d.size,
          mediaType: d.mediaType,
          outcome: r.outcome,
          mountedFrom: r.mountedFrom,
          bytesSent: r.bytesSent,
        });
        opts.onProgress?.({ type: 'blob', digest: d.digest, size: d.size, outcome: r.outcome });
      },
    });
    // Manifests strictly after all blobs: a registry may accept a manifest before its blobs exist,
    // and a client pulling it then would fail. The tags are independent, so they go up together; every
    // one is settled (pushed, or known not to be) before a failure is reported.
    const outcomes = await Promise.allSettled(
      plan.manifests.map(async (m) => {
        try {
          const res = await repo.pushManifest(m.manifest.bytes, m.manifest.descriptor.mediaType, m.tag);
          return publishedTag(m, res.descriptor, repoName);
        } catch (e) {
          // The answer may be what was lost, not the push: ask the registry before saying "not pushed".
          const holds = await tagHolds(repo, m.tag, m.manifest.descriptor.digest);
          if (holds === 'yes') return publishedTag(m, m.manifest.descriptor, repoName);
          if (holds === 'unknown') unconfirmed.push(m.tag);
          throw e;
        }
      }),
    );
    for (const o of outcomes) {
      if (o.status !== 'fulfilled') continue;
      pushed.push(o.value);
      opts.onProgress?.({ type: 'tag', tag: o.value.tag, digest: o.value.digest });
    }
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    for (const r of plan.referrers) {
      const res = await repo.pushReferrer(r.manifest.bytes, r.manifest.descriptor.mediaType);
      pushedReferrers.push(res.descriptor);
      opts.onProgress?.({ type: 'referrer', digest: res.descriptor.digest, subject: r.subject });
    }
  } catch (e) {
    const done = new Set([...pushed.map((t) => t.tag), ...unconfirmed]);
    throw new PublishError(
      repoName,
      pushed,
      plan.manifests.map((m) => m.tag).filter((t) => !done.has(t)),
      reports,
      e,
      unconfirmed,
    );
  }
  // Report blobs in a stable order (copies complete in any order).
  const order = new Map(plan.blobs.map((b, i) => [b.digest, i]));
  reports.sort((a, b) => order.get(a.digest)! - order.get(b.digest)!);
  return {
    repository: repoName,
    tags: pushed,
    blobs: reports,
    referrers: pushedReferrers,
    statements: plan.statements,
    distinctBlobBytes: plan.blobs.reduce((n, b) => n + b.size, 0),
    bytesUploaded: reports.filter((r) => r.outcome === 'uploaded').reduce((n, r) => n + r.size, 0),
    bytesSent: reports.reduce((n, r) => n + r.bytesSent, 0),
    image: {
      digest: image.descriptor.digest,
      platform: formatPlatform(image.platform),
      module: plan.module.path,
      moduleDigest: plan.module.digest,
    },
  };
}

function publishedTag(m: PlannedManifest, d: Descriptor, repoName: string): PublishedTag {
  const t: PublishedTag = {
    tag: m.tag,
    kind: m.kind,
    digest: d.digest,
    mediaType: d.mediaType,
    size: d.size,
    reference: `${repoName}:${m.tag}@${d.digest}`,
  };
  if (m.runtime) t.runtime = m.runtime;
  return t;
}

/** Whether the tag points at the manifest, after a push whose answer did not arrive. */
async function tagHolds(repo: Repository, tag: string, digest: string): Promise<'yes' | 'no' | 'unknown'> {
  try {
    return (await repo.resolve(tag))?.digest === digest ? 'yes' : 'no';
  } catch {
    return 'unknown';
  }
}
