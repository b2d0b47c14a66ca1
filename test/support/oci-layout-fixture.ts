// Builds realistic OCI layouts on disk, the way `buildx build --output type=oci` writes them for a
// wasi/wasm image: the module in a tar+gzip layer, an OCI image config with Entrypoint, the image
// manifest, and (with provenance, buildx's default) an index pairing it with an attestation manifest.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';

const sha256 = (b: Uint8Array | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Binary encoding helpers for hand-made Wasm modules and components (tests only). */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

export function str(s: string): number[] {
  const b = [...Buffer.from(s, 'utf8')];
  return [...uleb(b.length), ...b];
}

export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/**
 * A WASI preview1 command module that writes `message` to stdout (optionally padded with a custom
 * section of `padding` bytes): the binary encoding of
 *   (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
 *   (memory (export "memory") 1) (data (i32.const 16) message)
 *   (func (export "_start") iovec at 0 = {16, len}; fd_write(1, 0, 1, 8); drop)
 */
export function helloWasm(message = 'hello from wasm-build\n', padding = 0): Buffer {
  const msg = Buffer.from(message, 'utf8');
  if (msg.length > 63) throw new Error('keep the message short: its length is a one-byte i32.const here');
  const i32 = 0x7f;
  const i32const = (v: number) => [0x41, ...uleb(v)]; // small non-negative values only
  const types = section(
    1,
    vec([
      [0x60, ...vec([[i32], [i32], [i32], [i32]]), ...vec([[i32]])],
      [0x60, 0x00, 0x00],
    ]),
  );
  const imports = section(2, vec([[...str('wasi_snapshot_preview1'), ...str('fd_write'), 0x00, 0x00]]));
  const funcs = section(3, vec([[0x01]]));
  const memory = section(5, vec([[0x00, 0x01]]));
  const exports = section(
    7,
    vec([
      [...str('memory'), 0x02, 0x00],
      [...str('_start'), 0x00, 0x01],
    ]),
  );
  const body = [
    0x00, // no locals
    ...i32const(0),
    ...i32const(16),
    0x36,
    0x02,
    0x00, // i32.store align=4 offset=0
    ...i32const(4),
    ...i32const(msg.length),
    0x36,
    0x02,
    0x00,
    ...i32const(1),
    ...i32const(0),
    ...i32const(1),
    ...i32const(8),
    0x10,
    0x00, // call fd_write
    0x1a, // drop
    0x0b, // end
  ];
  const code = section(10, vec([[...uleb(body.length), ...body]]));
  const data = section(11, vec([[0x00, ...i32const(16), 0x0b, ...uleb(msg.length), ...msg]]));
  const preamble = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const mod = Buffer.from([
    ...preamble,
    ...types,
    ...imports,
    ...funcs,
    ...memory,
    ...exports,
    ...code,
    ...data,
  ]);
  if (!padding) return mod;
  // A custom section of pseudo-random bytes (runtimes ignore it) makes a large, incompressible module.
  const name = Buffer.from([...str('padding')]);
  const filler = Buffer.alloc(padding);
  let x = 0x2545f491;
  for (let i = 0; i < padding; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    filler[i] = x & 0xff;
  }
  return Buffer.concat([mod, Buffer.from([0x00, ...uleb(name.length + padding)]), name, filler]);
}

export interface LayoutFixtureOptions {
  /** Directory to create the layout in (default: a new temp dir). */
  dir?: string;
  module?: Buffer;
  /** Path of the module in the image; Entrypoint is "/" + this. */
  moduleName?: string;
  /** Wrap the image in an index with a provenance attestation manifest (buildx's default). */
  attestation?: boolean;
  created?: string;
  /** Also write the layout as a tar next to the directory. */
  tar?: boolean;
  /** Add a second, non-wasm image (linux/amd64) to the index, to test platform selection. */
  extraLinuxImage?: boolean;
  /** Use platform wasi/wasm (default) or something else for the module's image config. */
  platform?: { os: string; architecture: string };
}

export interface LayoutFixture {
  dir: string;
  tarPath?: string;
  module: Buffer;
  moduleName: string;
  manifestDigest: string;
  manifestSize: number;
  configDigest: string;
  layerDigest: string;
  attestationDigest?: string;
  indexDigest?: string;
  /** Every blob the image itself needs (config + layer), with sizes. */
  imageBlobs: { digest: string; size: number }[];
  created: string;
}

interface Written {
  mediaType: string;
  digest: string;
  size: number;
}

/** Builds a layout; the same options give byte-identical blobs. */
export async function buildLayoutFixture(opts: LayoutFixtureOptions = {}): Promise<LayoutFixture> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'wasm-build-fixture-'));
  const blobsDir = path.join(dir, 'blobs', 'sha256');
  mkdirSync(blobsDir, { recursive: true });
  const put = (mediaType: string, bytes: Buffer | string): Written => {
    const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
    const digest = sha256(b);
    writeFileSync(path.join(blobsDir, digest.slice(7)), b);
    return { mediaType, digest, size: b.length };
  };
  const module = opts.module ?? helloWasm();
  const moduleName = opts.moduleName ?? 'hello.wasm';
  const created = opts.created ?? '2024-05-01T12:00:00Z';
  const platform = opts.platform ?? { os: 'wasi', architecture: 'wasm' };

  // The layer: a tar holding the module (BuildKit writes paths without a leading slash), gzipped.
  const staging = mkdtempSync(path.join(os.tmpdir(), 'wasm-build-fixture-layer-'));
  mkdirSync(path.dirname(path.join(staging, moduleName)), { recursive: true });
  writeFileSync(path.join(staging, moduleName), module);
  const chunks: Buffer[] = [];
  const packer = tar.c({ cwd: staging, portable: true, mtime: new Date(created) }, [moduleName]);
  for await (const c of packer) chunks.push(c as Buffer);
  const layerTar = Buffer.concat(chunks);
  const layer = put('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(layerTar));

  const config = put(
    'application/vnd.oci.image.config.v1+json',
    JSON.stringify({
      architecture: platform.architecture,
      config: { Entrypoint: [`/${moduleName}`], WorkingDir: '/' },
      created,
      history: [
        { created, created_by: `COPY ${moduleName} / # buildkit`, comment: 'buildkit.dockerfile.v0' },
      ],
      os: platform.os,
      rootfs: { type: 'layers', diff_ids: [sha256(layerTar)] },
    }),
  );
  const manifest = put(
    'application/vnd.oci.image.manifest.v1+json',
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
      layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }],
    }),
  );
  const imageDesc = { ...manifest, platform };

  const top: object[] = [];
  let attestationDigest: string | undefined;
  let indexDigest: string | undefined;
  if (opts.attestation || opts.extraLinuxImage) {
    const entries: object[] = [imageDesc];
    if (opts.extraLinuxImage) {
      const lcfg = put(
        'application/vnd.oci.image.config.v1+json',
        JSON.stringify({
          architecture: 'amd64',
          os: 'linux',
          config: {},
          rootfs: { type: 'layers', diff_ids: [] },
        }),
      );
      const lman = put(
        'application/vnd.oci.image.manifest.v1+json',
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: lcfg.mediaType, digest: lcfg.digest, size: lcfg.size },
          layers: [],
        }),
      );
      entries.push({ ...lman, platform: { architecture: 'amd64', os: 'linux' } });
    }
    if (opts.attestation) {
      const statement = put(
        'application/vnd.in-toto+json',
        JSON.stringify({
          _type: 'https://in-toto.io/Statement/v0.1',
          predicateType: 'https://slsa.dev/provenance/v0.2',
          subject: [
            {
              name: 'pkg:docker/hello@latest?platform=wasi%2Fwasm',
              digest: { sha256: manifest.digest.slice(7) },
            },
          ],
          predicate: { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1' },
        }),
      );
      // As BuildKit >= 0.13 writes it: an OCI 1.1 referrer of the image with the empty config.
      const empty = put('application/vnd.oci.empty.v1+json', '{}');
      const att = put(
        'application/vnd.oci.image.manifest.v1+json',
        JSON.stringify(
          {
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            artifactType: 'application/vnd.docker.attestation.manifest.v1+json',
            config: { mediaType: empty.mediaType, digest: empty.digest, size: empty.size, data: 'e30=' },
            layers: [
              {
                mediaType: statement.mediaType,
                digest: statement.digest,
                size: statement.size,
                annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
              },
            ],
            subject: { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size },
          },
          null,
          2,
        ),
      );
      attestationDigest = att.digest;
      entries.push({
        ...att,
        annotations: {
          'vnd.docker.reference.digest': manifest.digest,
          'vnd.docker.reference.type': 'attestation-manifest',
        },
        platform: { architecture: 'unknown', os: 'unknown' },
      });
    }
    const index = put(
      'application/vnd.oci.image.index.v1+json',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: entries,
      }),
    );
    indexDigest = index.digest;
    top.push({ ...index, annotations: { 'org.opencontainers.image.created': created } });
  } else {
    top.push({ ...imageDesc, annotations: { 'org.opencontainers.image.created': created } });
  }
  writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: top,
    }),
  );

  let tarPath: string | undefined;
  if (opts.tar) {
    tarPath = `${dir}.tar`;
    await tar.c({ cwd: dir, file: tarPath, portable: true }, ['oci-layout', 'index.json', 'blobs']);
  }
  return {
    dir,
    tarPath,
    module,
    moduleName,
    manifestDigest: manifest.digest,
    manifestSize: manifest.size,
    configDigest: config.digest,
    layerDigest: layer.digest,
    attestationDigest,
    indexDigest,
    imageBlobs: [
      { digest: config.digest, size: config.size },
      { digest: layer.digest, size: layer.size },
    ],
    created,
  };
}

/**
 * Builds examples/hello-c with the testbed's real BuildKit (the Dockerfile frontend built into
 * buildkitd) into an OCI layout tar, with buildx's default provenance attestation, so the layout has
 * an index holding the wasi/wasm manifest and an attestation manifest. Until the shared
 * test/support/fixtures.ts exists this is the e2e tests' way to get a real layout.
 */
export async function buildHelloCLayout(tb: {
  env: NodeJS.ProcessEnv;
  buildkitHost: string;
  images: Record<string, string>;
}): Promise<string> {
  const { run } = await import('./exec.js');
  const { repoRoot } = await import('./testbed.js');
  const toolchain = tb.images.toolchain_c;
  if (!toolchain)
    throw new Error('the testbed env has no IMAGE_TOOLCHAIN_C: run `npm run testbed -- up` again');
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'wasm-build-hello-c-')), 'layout.tar');
  const ctx = path.join(repoRoot, 'examples', 'hello-c');
  const r = await run(
    'buildctl',
    [
      '--addr',
      tb.buildkitHost,
      'build',
      '--frontend',
      'dockerfile.v0',
      '--local',
      `context=${ctx}`,
      '--local',
      `dockerfile=${ctx}`,
      '--opt',
      `build-arg:TOOLCHAIN=${toolchain}`,
      '--opt',
      'platform=wasi/wasm',
      '--opt',
      'attest:provenance=mode=min',
      '--output',
      `type=oci,dest=${out}`,
    ],
    { env: tb.env },
  );
  if (r.code !== 0) throw new Error(`buildctl failed (${r.code}):\n${r.stderr.slice(-4000)}`);
  return out;
}
