import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../../src/oci/errors.js';
import { openLayout } from '../../../src/oci/layout.js';
import { extractModule, findWasmImage, openWasmImage } from '../../../src/wasm-image/index.js';
import {
  buildLayoutFixture,
  helloWasm,
  type LayoutFixtureOptions,
} from '../../support/oci-layout-fixture.js';

describe('the wasm image in an OCI layout', () => {
  it.each<[string, LayoutFixtureOptions, 'dir' | 'tar']>([
    ['a bare manifest (provenance off), directory', {}, 'dir'],
    ['a bare manifest, tar', { tar: true }, 'tar'],
    ['an index with an attestation manifest, directory', { attestation: true }, 'dir'],
    ['an index with an attestation manifest, tar', { attestation: true, tar: true }, 'tar'],
    ['an index with a linux image beside it', { extraLinuxImage: true, attestation: true }, 'dir'],
    ['a module in a subdirectory', { moduleName: 'app/bin/main.wasm' }, 'dir'],
    ['os wasip1 (Go-style platform)', { platform: { os: 'wasip1', architecture: 'wasm' } }, 'dir'],
  ])('finds the image and its module in %s', async (_name, opts, kind) => {
    const fx = await buildLayoutFixture(opts);
    const layout = await openLayout(kind === 'tar' ? fx.tarPath! : fx.dir);
    try {
      const image = await findWasmImage(layout);
      expect(image.descriptor.digest).toBe(fx.manifestDigest);
      expect(image.descriptor.size).toBe(fx.manifestSize);
      expect(image.manifest.config.digest).toBe(fx.configDigest);
      expect(image.platform.architecture).toBe('wasm');
      expect(image.config.config?.Entrypoint).toEqual([`/${fx.moduleName}`]);
      expect(image.attestations.map((a) => a.descriptor.digest)).toEqual(
        fx.attestationDigest ? [fx.attestationDigest] : [],
      );
      const m = await extractModule(layout, image);
      expect(m.path).toBe(fx.moduleName);
      expect(m.layer.digest).toBe(fx.layerDigest);
      expect(m.bytes.equals(fx.module)).toBe(true);
    } finally {
      await layout.close();
    }
    if (kind === 'tar') expect(existsSync(layout.root)).toBe(false);
  });

  it('asks for a platform explicitly when told to', async () => {
    const fx = await buildLayoutFixture({ extraLinuxImage: true });
    const layout = await openLayout(fx.dir);
    const linux = await findWasmImage(layout, { platform: { os: 'linux', architecture: 'amd64' } });
    expect(linux.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    await expect(findWasmImage(layout, { platform: { os: 'wasi', architecture: 'wasm32' } })).rejects.toThrow(
      /no wasi\/wasm32 image \(it has: wasi\/wasm, linux\/amd64\)/,
    );
  });

  it.each<[string, (dir: string) => void, RegExp]>([
    ['no index.json', (d) => rmSync(path.join(d, 'index.json')), /has no readable index.json/],
    [
      'a bad oci-layout version',
      (d) => writeFileSync(path.join(d, 'oci-layout'), '{"imageLayoutVersion":"9"}'),
      /unsupported imageLayoutVersion/,
    ],
    [
      'a corrupt manifest blob',
      (d) => {
        const idx = JSON.parse(readFileSync(path.join(d, 'index.json'), 'utf8')) as {
          manifests: { digest: string }[];
        };
        writeFileSync(path.join(d, 'blobs', 'sha256', idx.manifests[0]!.digest.slice(7)), '{}');
      },
      /is corrupt/,
    ],
    [
      'a digest that would escape the layout',
      (d) =>
        writeFileSync(
          path.join(d, 'index.json'),
          JSON.stringify({
            schemaVersion: 2,
            manifests: [
              {
                mediaType: 'application/vnd.oci.image.manifest.v1+json',
                digest: 'sha256:../../etc/passwd',
                size: 1,
              },
            ],
          }),
        ),
      /is not a valid digest/,
    ],
    [
      'only a linux image',
      (d) => writeFileSync(path.join(d, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [] })),
      /has no wasi\/wasm image \(it has no image manifests\)/,
    ],
  ])('rejects a layout with %s', async (_name, damage, message) => {
    const fx = await buildLayoutFixture({ attestation: true });
    damage(fx.dir);
    const run = async () => {
      const layout = await openLayout(fx.dir);
      await findWasmImage(layout);
    };
    await expect(run()).rejects.toThrow(LayoutError);
    await expect(run()).rejects.toThrow(message);
  });

  it('fails when the entrypoint is not in the layers, or the layer is corrupt', async () => {
    const fx = await buildLayoutFixture();
    const layout = await openLayout(fx.dir);
    const image = await findWasmImage(layout);
    image.config.config = { Entrypoint: ['/missing.wasm'] };
    await expect(extractModule(layout, image)).rejects.toThrow(
      /entrypoint \/missing.wasm is not in any of its 1 layers/,
    );

    const fx2 = await buildLayoutFixture();
    const layer = path.join(fx2.dir, 'blobs', 'sha256', fx2.layerDigest.slice(7));
    const bytes = readFileSync(layer);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff; // inside the gzip trailer's CRC/size: still the same length
    writeFileSync(layer, bytes);
    const layout2 = await openLayout(fx2.dir);
    await expect(extractModule(layout2, await findWasmImage(layout2))).rejects.toThrow();
  });

  it('takes the only .wasm file when there is no entrypoint, and checks it is wasm', async () => {
    const fx = await buildLayoutFixture({ moduleName: 'x/y.wasm' });
    const layout = await openLayout(fx.dir);
    const image = await findWasmImage(layout);
    image.config.config = {};
    expect((await extractModule(layout, image)).path).toBe('x/y.wasm');

    const notWasm = await buildLayoutFixture({
      module: Buffer.from('#!/bin/sh\necho hi\n'),
      moduleName: 'app.wasm',
    });
    const l2 = await openLayout(notWasm.dir);
    await expect(extractModule(l2, await findWasmImage(l2))).rejects.toThrow(/is not a WebAssembly binary/);
  });

  it('opens a missing path or a non-tar file with a clear error', async () => {
    await expect(openLayout('/nonexistent/layout.tar')).rejects.toThrow(/cannot open OCI layout/);
    const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'wb-')), 'junk.tar');
    writeFileSync(f, helloWasm());
    await expect(openLayout(f)).rejects.toThrow(LayoutError);
  });

  it('opens a layout tar once into a WasmImage: modules with their kind, the entrypoint not read again', async () => {
    const fx = await buildLayoutFixture({ tar: true, moduleName: 'hello.wasm' });
    const image = await openWasmImage(fx.tarPath!, { modules: ['/hello.wasm'] });
    expect(image.descriptor.digest).toBe(fx.manifestDigest);
    expect(image.modules.map((m) => [m.path, m.kind, m.bytes.equals(fx.module)])).toEqual([
      ['hello.wasm', 'module', true],
    ]);
    // The module asked for is the entrypoint: the same object, no second pass over the layers.
    expect(await image.entrypoint()).toBe(image.modules[0]);
    const extracted = image.layout.root;
    expect(existsSync(extracted)).toBe(true);
    await image.close();
    expect(existsSync(extracted)).toBe(false);
  });

  it('refuses a module whose preamble is wasm of an unknown version, saying what it found', async () => {
    const odd = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x07, 0x00, 0x00, 0x00]);
    const fx = await buildLayoutFixture({ module: odd, moduleName: 'odd.wasm' });
    await expect(openWasmImage(fx.dir, { modules: ['/odd.wasm'] })).rejects.toThrow(
      /odd\.wasm in layer .* is not a valid WebAssembly binary: found a WebAssembly binary of unknown version 7/,
    );
  });
});
