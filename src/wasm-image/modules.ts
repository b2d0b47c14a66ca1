// Takes modules out of a wasm image's layers: a raw module layer (runwasi's wasm-layer images) or a
// tar(+gzip) layer, top layer first, honouring whiteouts, each layer verified against its digest.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import {
  DigestingStream,
  LayoutError,
  MediaType,
  digestAlgorithm,
  type Descriptor,
  type OciLayout,
} from '../oci/index.js';
import { hasWasmMagic, inspectHeader, type WasmKind } from '../primitives/wasm-preamble.js';
import type { LayoutImage } from './find.js';

/** A module (or component) taken out of the image's layers. */
export interface WasmModule {
  /** The path inside the image, without a leading slash (e.g. "hello.wasm"). */
  path: string;
  bytes: Buffer;
  /** The layer it came from. */
  layer: Descriptor;
  kind: WasmKind;
}

function cleanPath(p: string): string {
  return path.posix.normalize(p.replace(/^\/+/, '').replace(/^\.\//, ''));
}

/** The config's Entrypoint[0] (or Cmd[0]): the module runtimes start. */
export function entrypointOf(image: LayoutImage): string | undefined {
  return image.config.config?.Entrypoint?.[0] ?? image.config.config?.Cmd?.[0];
}

/** Where a module named in the config (or by a caller) sits in the layers: no leading slash, no #fragment. */
export function modulePathIn(name: string): string {
  return cleanPath(name.split('#')[0]!);
}

/**
 * Extracts the module named by the config's Entrypoint[0] (or Cmd[0]) from the image's layers, top
 * layer first, honouring whiteouts. Without an entrypoint, the only `.wasm` file is taken. `modulePath`
 * picks another module of an image that holds several.
 */
export async function extractModule(
  layout: OciLayout,
  image: LayoutImage,
  modulePath?: string,
): Promise<WasmModule> {
  const entry = modulePath ?? entrypointOf(image);
  const target = entry ? modulePathIn(entry) : undefined;
  const found: Omit<WasmModule, 'kind'>[] = [];
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

/** Only a module or component whose preamble runtimes accept is a module of the image. */
function checkWasm(found: Omit<WasmModule, 'kind'>): WasmModule {
  const header = inspectHeader(found.bytes);
  if (header.wasm) return { ...found, kind: header.kind };
  const where = `${found.path} in layer ${found.layer.digest}`;
  if (!hasWasmMagic(found.bytes)) throw new LayoutError(`${where} is not a WebAssembly binary`);
  throw new LayoutError(`${where} is not a valid WebAssembly binary: found ${header.found}`);
}

/** Reads one tar(+gzip) layer; returns the target's bytes, 'deleted' on a whiteout, or all .wasm files. */
async function scanLayer(
  layout: OciLayout,
  layer: Descriptor,
  target: string | undefined,
): Promise<Omit<WasmModule, 'kind'>[] | 'deleted' | undefined> {
  const out: Omit<WasmModule, 'kind'>[] = [];
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
