import { describe, expect, it } from 'vitest';
import { attestationReferrers } from '../../../src/publish/provenance.js';
import { planTags, runtimeTagSuffix, TagPlanError } from '../../../src/publish/tags.js';
import { containerImageManifest, runtimeImageManifest } from '../../../src/publish/image.js';
import { Annotations } from '../../../src/publish/annotations.js';
import { sha256 } from '../../../src/oci/digest.js';
import type { ImageManifest } from '../../../src/oci/index.js';
import { openLayout } from '../../../src/oci/layout.js';
import { findWasmImage } from '../../../src/wasm-image/index.js';
import { buildLayoutFixture } from '../../support/oci-layout-fixture.js';

const wasmtime = { name: 'wasmtime', version: '48.0.8' };
const node = { name: 'node', version: '20.20.2' };

describe('planTags', () => {
  it.each([
    [
      ['v1'],
      {},
      [
        ['v1', 'image'],
        ['v1-wasm', 'artifact'],
      ],
    ],
    [
      ['v1'],
      { runtimes: [wasmtime, node] },
      [
        ['v1', 'image'],
        ['v1-wasm', 'artifact'],
        ['v1-wasmtime', 'runtime'],
        ['v1-node', 'runtime'],
      ],
    ],
    [
      ['v1', 'latest'],
      { wasmSuffix: '.cncf' },
      [
        ['v1', 'image'],
        ['v1.cncf', 'artifact'],
        ['latest', 'image'],
        ['latest.cncf', 'artifact'],
      ],
    ],
    [
      ['v1'],
      { wasmSuffix: false as const, runtimes: [wasmtime] },
      [
        ['v1', 'image'],
        ['v1-wasmtime', 'runtime'],
      ],
    ],
    [['v1', 'v1'], { wasmSuffix: '' }, [['v1', 'image']]],
  ])('%j with %j', (tags, opts, expected) => {
    expect(planTags(tags, opts).map((p) => [p.tag, p.kind])).toEqual(expected);
  });

  it.each([
    [[], {}, /no tags/],
    [['-bad'], {}, /not a valid tag/],
    [['x'.repeat(125)], {}, /not a valid tag/],
    [['v1'], { runtimes: [{ name: 'wasm', version: '1' }] }, /pushed twice/],
    [['v1', 'v1-wasm'], {}, /pushed twice/],
    [['v1'], { runtimes: [{ name: '***', version: '1' }] }, /no usable tag suffix/],
  ])('rejects %j with %j', (tags, opts, message) => {
    expect(() => planTags(tags, opts)).toThrow(TagPlanError);
    expect(() => planTags(tags, opts)).toThrow(message);
  });

  it.each([
    ['wasmtime', 'wasmtime'],
    ['WasmEdge', 'wasmedge'],
    ['node:wasi', 'node-wasi'],
    [' wamr ', 'wamr'],
  ])('runtime %j gives suffix %j', (name, suffix) => {
    expect(runtimeTagSuffix(name)).toBe(suffix);
  });
});

describe('image manifests', () => {
  it('keeps T byte for byte and annotates T-<runtime> without changing anything else', async () => {
    const fx = await buildLayoutFixture({ attestation: true });
    const layout = await openLayout(fx.dir);
    const image = await findWasmImage(layout);
    const t = containerImageManifest(image);
    expect(t.descriptor.digest).toBe(fx.manifestDigest);
    expect(sha256(t.bytes)).toBe(fx.manifestDigest);

    const rt = runtimeImageManifest(image, wasmtime);
    expect(rt.value.annotations).toEqual({
      [Annotations.runtime]: 'wasmtime',
      [Annotations.runtimeVersion]: '48.0.8',
    });
    expect(Annotations).toEqual({
      runtime: 'dev.wasm-build.runtime',
      runtimeVersion: 'dev.wasm-build.runtime.version',
    });
    const { annotations: _a, ...rest } = rt.value;
    expect(rest).toEqual(image.manifest);
    expect(rt.descriptor.digest).toBe(sha256(rt.bytes));
    expect(runtimeImageManifest(image, wasmtime).bytes.equals(rt.bytes)).toBe(true);
    expect(runtimeImageManifest(image, node).descriptor.digest).not.toBe(rt.descriptor.digest);

    // The attestation as a referrer of each manifest pushed, its statement naming that manifest.
    for (const subject of [t, rt]) {
      const [made] = await attestationReferrers(image.attestations, layout, subject, 'r.test/app:v1');
      const ref = JSON.parse(made!.manifest.bytes.toString()) as ImageManifest;
      expect(ref.subject).toEqual({
        mediaType: subject.descriptor.mediaType,
        digest: subject.descriptor.digest,
        size: subject.descriptor.size,
      });
      expect(ref.artifactType).toBe('application/vnd.docker.attestation.manifest.v1+json');
      expect(ref.config).toEqual(image.attestations[0]!.manifest.config);
      const statement = JSON.parse(made!.blobs[0]!.bytes.toString());
      expect(statement.subject).toEqual([
        { name: 'r.test/app:v1', digest: { sha256: subject.descriptor.digest.slice(7) } },
      ]);
      expect(ref.layers[0]!.annotations).toEqual({
        'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2',
      });
      expect(ref.layers[0]!.digest).toBe(made!.blobs[0]!.descriptor.digest);
    }
  });
});
