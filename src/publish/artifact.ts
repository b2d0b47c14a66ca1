// The CNCF TAG Runtime "Wasm OCI Artifact" (layout C in wasm-oci-layouts.md): an image manifest
// whose config is application/vnd.wasm.config.v0+json and whose single layer is the raw module.
import { MediaType, sha256, type Descriptor, type ImageManifest } from '../oci/index.js';
import { inspectWasm, type WasmInfo } from './wasm-binary.js';

export interface WasmArtifactConfig {
  created: string;
  author: string | null;
  architecture: 'wasm';
  os: 'wasip1' | 'wasip2';
  layerDigests: string[];
  component: { exports: string[]; imports: string[]; target: string | null } | null;
}

export interface ArtifactInput {
  /** The module or component bytes. */
  module: Uint8Array;
  /** RFC 3339 time; fixed by the caller so equal inputs give equal digests. */
  created: string;
  author?: string;
  /** Overrides what the binary says: wasip1 for modules, wasip2 for components. */
  os?: 'wasip1' | 'wasip2';
  /** The component's WIT world, when known (the spec's optional `target`). */
  target?: string;
  /** Manifest annotations. */
  annotations?: Record<string, string>;
}

export interface Blob {
  descriptor: Descriptor;
  bytes: Buffer;
}

export interface WasmArtifact {
  config: Blob & { value: WasmArtifactConfig };
  layer: Blob;
  manifest: Blob & { value: ImageManifest };
  info: WasmInfo;
}

function blob(mediaType: string, bytes: Buffer): Blob {
  return { descriptor: { mediaType, digest: sha256(bytes), size: bytes.length }, bytes };
}

/** Builds config, layer and manifest; the same input always gives the same bytes. */
export function buildWasmArtifact(input: ArtifactInput): WasmArtifact {
  const info = inspectWasm(input.module);
  const layer = blob(MediaType.wasmLayer, Buffer.from(input.module));
  const os = input.os ?? (info.kind === 'component' ? 'wasip2' : 'wasip1');
  // Key order is fixed by this literal; JSON.stringify keeps it.
  const value: WasmArtifactConfig = {
    created: input.created,
    author: input.author ?? null,
    architecture: 'wasm',
    os,
    layerDigests: [layer.descriptor.digest],
    component:
      info.kind === 'component' || os === 'wasip2'
        ? { exports: info.exports, imports: info.imports, target: input.target ?? null }
        : null,
  };
  const config = { ...blob(MediaType.wasmConfig, Buffer.from(JSON.stringify(value))), value };
  const manifestValue: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: config.descriptor,
    layers: [layer.descriptor],
  };
  if (input.annotations && Object.keys(input.annotations).length)
    manifestValue.annotations = input.annotations;
  const manifest = {
    ...blob(MediaType.ociManifest, Buffer.from(JSON.stringify(manifestValue))),
    value: manifestValue,
  };
  return { config, layer, manifest, info };
}

/** `created` for the artifact: explicit, else the image config's, else SOURCE_DATE_EPOCH, else the epoch. */
export function artifactCreated(
  explicit: string | undefined,
  imageCreated: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (explicit) return explicit;
  if (imageCreated) return imageCreated;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z');
  // Never "now": that would make every push a different digest.
  return '1970-01-01T00:00:00Z';
}
