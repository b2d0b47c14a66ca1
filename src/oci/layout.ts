// Reader for OCI image layouts as `buildctl --output type=oci` and `docker buildx build --output
// type=oci` write them (a tar, or a directory with tar=false): finds the wasi/wasm image (also inside
// an index, skipping BuildKit's attestation manifests), its config, and extracts the module from
// its layer.
import type { Fetcher } from './content.js';
import { formatPlatform, WASI_WASM } from '../primitives/platform.js';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { fileBlob, type BlobSource } from './blobs.js';
import { DigestingStream, digestAlgorithm, digestOf, isDigest } from './digest.js';
import { LayoutError } from './errors.js';
import {
  MediaType,
  isIndexMediaType,
  isManifestMediaType,
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type Platform,
} from './media-types.js';

/** BuildKit marks attestation manifests with these annotations (and platform unknown/unknown). */
export const attestationAnnotations = {
  referenceType: 'vnd.docker.reference.type',
  referenceDigest: 'vnd.docker.reference.digest',
  attestationManifest: 'attestation-manifest',
} as const;

/** Index nesting deeper than this is not something buildx writes; stop rather than loop. */
const maxIndexDepth = 4;
const maxJsonBytes = 4 * 1024 * 1024;

/** An OCI layout on disk; as a Fetcher, it gives any blob it holds to a copy. */
export interface OciLayout extends Fetcher {
  /** The layout directory (a temporary extraction when opened from a tar). */
  readonly root: string;
  readonly index: ImageIndex;
  blobPath(digest: string): string;
  /** A streaming source for a blob, after checking the file's size against the descriptor. */
  fetch(desc: Descriptor): Promise<BlobSource>;
  /** A small blob (manifest, config) read whole and verified against its digest. */
  readBlob(desc: Pick<Descriptor, 'digest' | 'size'>): Promise<Buffer>;
  /** Removes the temporary extraction, if any. */
  close(): Promise<void>;
}

/** Opens a layout directory, or a layout tar (optionally gzipped) by extracting it to a temp dir. */
export async function openLayout(location: string): Promise<OciLayout> {
  let st;
  try {
    st = await stat(location);
  } catch (e) {
    throw new LayoutError(`cannot open OCI layout ${location}: ${(e as Error).message}`, { cause: e });
  }
  if (st.isDirectory()) return loadLayout(location, undefined);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wasm-build-layout-'));
  try {
    await tar.x({
      file: location,
      cwd: dir,
      strict: true,
      // Only regular files and directories of the layout: no links, devices or stray paths.
      filter: (p, entry) => {
        const type = 'type' in entry ? entry.type : undefined;
        const rel = p.replace(/^\.\//, '');
        const wanted =
          rel === 'oci-layout' || rel === 'index.json' || rel === 'blobs' || rel.startsWith('blobs/');
        return wanted && (type === 'File' || type === 'Directory' || type === 'OldFile');
      },
    });
    return await loadLayout(dir, dir);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    if (e instanceof LayoutError) throw e;
    throw new LayoutError(`cannot read OCI layout tar ${location}: ${(e as Error).message}`, { cause: e });
  }
}

async function loadLayout(root: string, tempDir: string | undefined): Promise<OciLayout> {
  const where = tempDir ? 'the layout tar' : root;
  let marker: { imageLayoutVersion?: string } | undefined;
  try {
    marker = JSON.parse(await readFile(path.join(root, 'oci-layout'), 'utf8')) as typeof marker;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new LayoutError(`${where}: oci-layout is not valid JSON`, { cause: e });
    }
  }
  if (marker && marker.imageLayoutVersion !== '1.0.0') {
    throw new LayoutError(`${where}: unsupported imageLayoutVersion ${String(marker.imageLayoutVersion)}`);
  }
  let index: ImageIndex;
  try {
    index = JSON.parse(await readFile(path.join(root, 'index.json'), 'utf8')) as ImageIndex;
  } catch (e) {
    throw new LayoutError(
      `${where} has no readable index.json: is it an OCI layout (buildx --output type=oci)? ${(e as Error).message}`,
      { cause: e },
    );
  }
  if (!Array.isArray(index.manifests)) throw new LayoutError(`${where}: index.json has no manifests array`);

  const blobPath = (digest: string): string => {
    // The digest becomes a path: only well-formed digests may.
    if (!isDigest(digest)) throw new LayoutError(`${where}: "${digest}" is not a valid digest`);
    const [alg, hex] = digest.split(':') as [string, string];
    return path.join(root, 'blobs', alg, hex);
  };
  const fetch = async (desc: Descriptor): Promise<BlobSource> => {
    const p = blobPath(desc.digest); // validates the digest before it becomes a path
    let size: number;
    try {
      size = (await stat(p)).size;
    } catch {
      throw new LayoutError(`${where} lacks blob ${desc.digest} (${desc.mediaType})`);
    }
    if (size !== desc.size) {
      throw new LayoutError(
        `${where}: blob ${desc.digest} is ${size} bytes, its descriptor says ${desc.size}`,
      );
    }
    return fileBlob(p, desc.digest, size, desc.mediaType);
  };
  const readBlob = async (desc: Pick<Descriptor, 'digest' | 'size'>): Promise<Buffer> => {
    if (desc.size > maxJsonBytes)
      throw new LayoutError(`${where}: blob ${desc.digest} is too large to read whole`);
    const file = blobPath(desc.digest);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      throw new LayoutError(`${where} lacks blob ${desc.digest}`);
    }
    const actual = digestOf(bytes, digestAlgorithm(desc.digest));
    if (actual !== desc.digest || bytes.length !== desc.size) {
      throw new LayoutError(`${where}: blob ${desc.digest} is corrupt (its content hashes to ${actual})`);
    }
    return bytes;
  };
  return {
    root,
    index,
    blobPath,
    fetch,
    readBlob,
    close: async () => {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

export interface AttestationManifest {
  descriptor: Descriptor;
  manifest: ImageManifest;
  bytes: Buffer;
}

export interface WasmImage {
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
export async function findWasmImage(layout: OciLayout, opts: FindImageOptions = {}): Promise<WasmImage> {
  const candidates: WasmImage[] = [];
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

export interface ExtractedModule {
  /** The path inside the image, without a leading slash (e.g. "hello.wasm"). */
  path: string;
  bytes: Buffer;
  /** The layer it came from. */
  layer: Descriptor;
}

function cleanPath(p: string): string {
  return path.posix.normalize(p.replace(/^\/+/, '').replace(/^\.\//, ''));
}

/**
 * Extracts the module named by the config's Entrypoint[0] (or Cmd[0]) from the image's layers, top
 * layer first, honouring whiteouts. Without an entrypoint, the only `.wasm` file is taken. `modulePath`
 * picks another module of an image that holds several.
 */
export async function extractModule(
  layout: OciLayout,
  image: WasmImage,
  modulePath?: string,
): Promise<ExtractedModule> {
  const entry = modulePath ?? image.config.config?.Entrypoint?.[0] ?? image.config.config?.Cmd?.[0];
  const target = entry ? cleanPath(entry.split('#')[0]!) : undefined;
  const found: ExtractedModule[] = [];
  for (const layer of [...image.manifest.layers].reverse()) {
    if (layer.mediaType === MediaType.wasmLayer || layer.mediaType.endsWith('+wasm')) {
      // A raw module layer (runwasi's wasm-layer images): the layer is the module.
      const bytes = await readFile(layout.blobPath(layer.digest));
      found.push({ path: target ?? 'module.wasm', bytes, layer });
      break;
    }
    if (/zstd/.test(layer.mediaType)) {
      throw new LayoutError(`layer ${layer.digest} is zstd-compressed, which this reader does not support`);
    }
    const hit = await scanLayer(layout, layer, target);
    if (hit === 'deleted') break;
    if (hit) {
      found.push(...hit);
      if (target) break;
    }
  }
  if (target) {
    const m = found[0];
    if (!m) {
      throw new LayoutError(
        `${modulePath ? 'the module' : "the image's entrypoint"} ${entry} is not in any of its ${image.manifest.layers.length} layers`,
      );
    }
    return checkWasm(m);
  }
  if (found.length !== 1) {
    throw new LayoutError(
      found.length
        ? `the image has no entrypoint and ${found.length} .wasm files (${found.map((f) => f.path).join(', ')})`
        : 'the image has no entrypoint and no .wasm file',
    );
  }
  return checkWasm(found[0]!);
}

function checkWasm(m: ExtractedModule): ExtractedModule {
  if (m.bytes.length < 8 || m.bytes.readUInt32BE(0) !== 0x0061736d) {
    throw new LayoutError(`${m.path} in layer ${m.layer.digest} is not a WebAssembly binary`);
  }
  return m;
}

/** Reads one tar(+gzip) layer; returns the target's bytes, 'deleted' on a whiteout, or all .wasm files. */
async function scanLayer(
  layout: OciLayout,
  layer: Descriptor,
  target: string | undefined,
): Promise<ExtractedModule[] | 'deleted' | undefined> {
  const out: ExtractedModule[] = [];
  let deleted = false;
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve, reject) => {
    const parser = tar.t({
      strict: true,
      onReadEntry: (e) => {
        const p = cleanPath(e.path);
        const base = path.posix.basename(p);
        const dir = path.posix.dirname(p);
        if (target && base.startsWith('.wh.') && path.posix.join(dir, base.slice(4)) === target)
          deleted = true;
        const wanted = e.type === 'File' || e.type === 'OldFile' || e.type === 'ContiguousFile';
        if (wanted && (target ? p === target : p.endsWith('.wasm'))) {
          const chunks: Buffer[] = [];
          e.on('data', (c: Buffer) => chunks.push(c));
          pending.push(
            new Promise<void>((done) =>
              e.on('end', () => {
                out.push({ path: p, bytes: Buffer.concat(chunks), layer });
                done();
              }),
            ),
          );
        } else {
          e.resume();
        }
      },
    });
    parser.on('error', reject);
    parser.on('end', resolve);
    // Verified while read: a corrupt layer fails here rather than yielding a wrong module.
    const verify = new DigestingStream(digestAlgorithm(layer.digest), {
      digest: layer.digest,
      size: layer.size,
      what: `layer ${layer.digest} in the layout`,
    });
    const src = createReadStream(layout.blobPath(layer.digest));
    src.on('error', reject);
    verify.on('error', reject);
    src.pipe(verify).pipe(parser as unknown as NodeJS.WritableStream);
  });
  await Promise.all(pending);
  if (out.length) return out;
  return deleted ? 'deleted' : undefined;
}
