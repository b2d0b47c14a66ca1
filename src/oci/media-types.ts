// OCI and Docker media types plus the JSON shapes of descriptors, manifests and indexes.
// Only the fields this project reads or writes are typed; unknown fields are kept by callers that
// re-serialise a parsed document (they spread the original object).
import type { OciPlatform } from '../primitives/platform.js';

export type { ImageConfig } from '../primitives/image-config.js';
export type { OciPlatform, Platform } from '../primitives/platform.js';

export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerTar: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerTarGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerTarZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerTarGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  wasmConfig: 'application/vnd.wasm.config.v0+json',
  wasmLayer: 'application/wasm',
  inTotoLayer: 'application/vnd.in-toto+json',
} as const;

/** Everything a manifest GET may return; sent as Accept so registries do not down-convert. */
export const manifestMediaTypes: readonly string[] = [
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerManifestList,
];

export function isIndexMediaType(mt: string | undefined): boolean {
  return mt === MediaType.ociIndex || mt === MediaType.dockerManifestList;
}

export function isManifestMediaType(mt: string | undefined): boolean {
  return mt === MediaType.ociManifest || mt === MediaType.dockerManifest;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: OciPlatform;
  artifactType?: string;
  /** Embedded content, base64 (OCI 1.1; BuildKit uses it for the empty config). */
  data?: string;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}
