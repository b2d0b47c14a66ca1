// The CNCF Wasm artifact by package name: `<registry>/<namespace>/<name>:<version>`, where wkg (and other
// wasm-pkg-tools clients) resolve `namespace:name@version`. They list only semver tags, so `T-wasm` is
// invisible to them; this is the same artifact under the name they look for, with the OCI annotations a
// package index shows filled in.
import { copyBlobs, MemoryStore, parseReference, type RegistryClient } from '../oci/index.js';
import type { WasmImage } from '../wasm-image/index.js';
import { artifactCreated, buildWasmArtifact } from './artifact.js';

export interface PackagePublish {
  image: WasmImage;
  /** `registry/<prefix><namespace>/<name>`. */
  repository: string;
  version: string;
  env: NodeJS.ProcessEnv;
  client: RegistryClient;
}

/** The image labels a package annotation is taken from, where the build set them. */
const FROM_LABELS = ['source', 'revision', 'description', 'licenses', 'title', 'url', 'documentation'];

/**
 * `org.opencontainers.image.*` for the package's manifest: the version, and from the image's labels (the
 * wasm.toml `[image] labels`, `--label`) what they say; in GitHub Actions the repository and commit when the
 * labels do not say.
 */
export function packageAnnotations(
  version: string,
  labels: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FROM_LABELS) {
    const value = labels[`org.opencontainers.image.${key}`];
    if (value) out[`org.opencontainers.image.${key}`] = value;
  }
  if (!out['org.opencontainers.image.source'] && env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY) {
    out['org.opencontainers.image.source'] = `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`;
  }
  if (!out['org.opencontainers.image.revision'] && env.GITHUB_SHA) {
    out['org.opencontainers.image.revision'] = env.GITHUB_SHA;
  }
  out['org.opencontainers.image.version'] = version;
  // Sorted, so the manifest's bytes do not depend on where each value came from.
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Pushes the image's entrypoint module as the artifact tagged `version`; returns the manifest's digest. */
export async function publishPackage(p: PackagePublish): Promise<string> {
  const module = await p.image.entrypoint();
  const artifact = buildWasmArtifact({
    module: module.bytes,
    created: artifactCreated(undefined, p.image.config.created, p.env),
    author: p.image.config.author,
    annotations: packageAnnotations(p.version, p.image.config.config?.Labels ?? {}, p.env),
  });
  const store = new MemoryStore(p.image.layout);
  const blobs = [artifact.config, artifact.layer].map((b) => store.add(b.descriptor.mediaType, b.bytes));
  const repo = p.client.repository(parseReference(p.repository));
  await copyBlobs(blobs, store, repo, {});
  const res = await repo.pushManifest(
    artifact.manifest.bytes,
    artifact.manifest.descriptor.mediaType,
    p.version,
  );
  return res.descriptor.digest;
}
