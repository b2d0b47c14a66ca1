// The container-compatible image (layout A) and its per-runtime variants. `T` is BuildKit's
// manifest byte for byte, so its digest is the one the build reported; `T-<runtime>` re-serialises
// it with two annotations added, which changes nothing else.
import { MediaType, isManifestMediaType, sha256, type ImageManifest } from '../oci/index.js';
import type { LayoutImage } from '../wasm-image/index.js';
import { Annotations } from './annotations.js';
import type { Blob } from './artifact.js';

export interface VerifiedRuntime {
  /** Runtime name as the test-runner knows it: "wasmtime", "wasmedge", "node", ... */
  name: string;
  /** The version that ran the tests, e.g. "48.0.8". */
  version: string;
}

/** The image manifest as built; refuses anything that is not a single image manifest. */
export function containerImageManifest(image: LayoutImage): Blob {
  if (!isManifestMediaType(image.descriptor.mediaType)) {
    throw new Error(`expected an image manifest, got ${image.descriptor.mediaType}`);
  }
  return { descriptor: { ...image.descriptor }, bytes: image.manifestBytes };
}

/** The image manifest annotated with the runtime (and version) whose test-run verified it. */
export function runtimeImageManifest(
  image: LayoutImage,
  runtime: VerifiedRuntime,
): Blob & { value: ImageManifest } {
  const value: ImageManifest = {
    ...image.manifest,
    annotations: {
      ...image.manifest.annotations,
      [Annotations.runtime]: runtime.name,
      [Annotations.runtimeVersion]: runtime.version,
    },
  };
  const bytes = Buffer.from(JSON.stringify(value));
  return {
    descriptor: {
      mediaType: image.manifest.mediaType ?? MediaType.ociManifest,
      digest: sha256(bytes),
      size: bytes.length,
    },
    bytes,
    value,
  };
}

/** BuildKit's artifactType for its attestation manifests (since v0.13 they also carry `subject`). */
export const dockerAttestationArtifactType = 'application/vnd.docker.attestation.manifest.v1+json';
