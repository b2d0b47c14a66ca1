// Reader for OCI image layouts as `buildctl --output type=oci` and `docker buildx build --output
// type=oci` write them (a tar, or a directory with tar=false): the index and verified blobs, as a
// Fetcher for copies. What the images in it mean is src/wasm-image's business.
import type { Fetcher } from './content.js';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { fileBlob, type BlobSource } from './blobs.js';
import { digestAlgorithm, digestOf, isDigest } from './digest.js';
import { LayoutError } from './errors.js';
import type { Descriptor, ImageIndex } from './media-types.js';

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
