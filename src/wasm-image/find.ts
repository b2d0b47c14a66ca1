// Finds the wasi/wasm image in an OCI layout as `buildctl --output type=oci` and `docker buildx build
// --output type=oci` write it: the one image manifest for the platform (also inside an index), its
// config, and the BuildKit attestation manifests that refer to it.
import {
  LayoutError,
  isIndexMediaType,
  isManifestMediaType,
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type OciLayout,
  type Platform,
} from '../oci/index.js';
import { formatPlatform, WASI_WASM } from '../primitives/platform.js';

/** BuildKit marks attestation manifests with these annotations (and platform unknown/unknown). */
export const attestationAnnotations = {
  referenceType: 'vnd.docker.reference.type',
  referenceDigest: 'vnd.docker.reference.digest',
  attestationManifest: 'attestation-manifest',
} as const;

/** Index nesting deeper than this is not something buildx writes; stop rather than loop. */
const maxIndexDepth = 4;

export interface AttestationManifest {
  descriptor: Descriptor;
  manifest: ImageManifest;
  bytes: Buffer;
}

/** The wasi/wasm image's manifest, config and attestations, as found in a layout. */
export interface LayoutImage {
  /** The image manifest's descriptor (digest and size of `manifestBytes`). */
  descriptor: Descriptor;
  manifest: ImageManifest;
  /** The manifest exactly as stored: pushing these bytes keeps the digest BuildKit reported. */
  manifestBytes: Buffer;
  config: ImageConfig;
  configBytes: Buffer;
  platform: Platform;
  /** BuildKit attestation manifests that refer to this image (provenance, SBOM). */
  attestations: AttestationManifest[];
}

export interface FindImageOptions {
  /** Defaults to wasi/wasm; `wasip1`/`wasip2` with architecture wasm are accepted too. */
  platform?: { os: string; architecture: string };
}

function isAttestation(desc: Descriptor): boolean {
  return (
    desc.annotations?.[attestationAnnotations.referenceType] === attestationAnnotations.attestationManifest ||
    (desc.platform?.os === 'unknown' && desc.platform.architecture === 'unknown')
  );
}

function platformMatches(p: Platform, want: FindImageOptions['platform']): boolean {
  if (want) return p.os === want.os && p.architecture === want.architecture;
  return p.architecture === 'wasm' && (p.os === 'wasi' || p.os === 'wasip1' || p.os === 'wasip2');
}

/** Finds the wasm image in the layout: the one manifest for wasi/wasm, wherever it is nested. */
export async function findWasmImage(layout: OciLayout, opts: FindImageOptions = {}): Promise<LayoutImage> {
  const candidates: LayoutImage[] = [];
  const attestations: AttestationManifest[] = [];
  const seenPlatforms: string[] = [];

  const visit = async (descs: Descriptor[], depth: number): Promise<void> => {
    for (const d of descs) {
      if (isIndexMediaType(d.mediaType)) {
        if (depth >= maxIndexDepth) throw new LayoutError('indexes are nested too deeply');
        const idx = JSON.parse((await layout.readBlob(d)).toString('utf8')) as ImageIndex;
        await visit(idx.manifests ?? [], depth + 1);
        continue;
      }
      if (!isManifestMediaType(d.mediaType)) continue; // e.g. a descriptor of something else entirely
      const bytes = await layout.readBlob(d);
      const manifest = JSON.parse(bytes.toString('utf8')) as ImageManifest;
      if (isAttestation(d)) {
        attestations.push({ descriptor: d, manifest, bytes });
        continue;
      }
      const configBytes = await layout.readBlob(manifest.config);
      const config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
      const platform: Platform = { os: config.os, architecture: config.architecture };
      if (config.variant) platform.variant = config.variant;
      seenPlatforms.push(formatPlatform(platform));
      if (!platformMatches(platform, opts.platform)) continue;
      if (candidates.some((c) => c.descriptor.digest === d.digest)) continue;
      candidates.push({
        descriptor: { mediaType: d.mediaType, digest: d.digest, size: d.size },
        manifest,
        manifestBytes: bytes,
        config,
        configBytes,
        platform,
        attestations: [],
      });
    }
  };
  await visit(layout.index.manifests, 0);

  const want = formatPlatform(opts.platform ?? WASI_WASM);
  if (candidates.length === 0) {
    throw new LayoutError(
      `the OCI layout has no ${want} image` +
        (seenPlatforms.length
          ? ` (it has: ${[...new Set(seenPlatforms)].join(', ')})`
          : ' (it has no image manifests)') +
        ': build with --platform wasi/wasm',
    );
  }
  // Prefer the platform Docker matches exactly when several wasm variants are present.
  const exact = candidates.filter((c) => c.platform.os === 'wasi');
  const pool = exact.length ? exact : candidates;
  if (pool.length > 1) {
    throw new LayoutError(
      `the OCI layout has ${pool.length} ${want} images (${pool.map((c) => c.descriptor.digest).join(', ')}): pass one layout per image`,
    );
  }
  const image = pool[0]!;
  image.attestations = attestations.filter(
    (a) => a.descriptor.annotations?.[attestationAnnotations.referenceDigest] === image.descriptor.digest,
  );
  return image;
}
