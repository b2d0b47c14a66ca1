import { describe, expect, it } from 'vitest';
import { artifactCreated, buildWasmArtifact } from '../../../src/publish/artifact.js';
import { inspectWasm, wasmKind, WasmFormatError } from '../../../src/publish/wasm-binary.js';
import { sha256 } from '../../../src/oci/digest.js';
import { helloWasm, section, str, vec } from '../../support/oci-layout-fixture.js';

/**
 * A component binary with a nested core module (whose bytes must be skipped, not parsed), an import
 * section with every extern descriptor form, and an export section with and without ascribed types.
 */
function component(): Buffer {
  const core = [...helloWasm()];
  const imports = [
    [0x00, ...str('wasi:io/streams@0.2.0'), 0x05, 0x00], // instance
    [0x00, ...str('wasi:cli/environment@0.2.0'), 0x05, 0x01],
    [0x01, ...str('acme:lib/util'), ...str('1.2.0'), 0x05, 0x02], // name with version suffix
    [0x00, ...str('log'), 0x01, 0x03], // func
    [0x00, ...str('flag'), 0x02, 0x01, 0x7f], // value of a primitive type
    [0x00, ...str('res'), 0x03, 0x01], // type: sub resource
    [0x00, ...str('modl'), 0x00, 0x11, 0x00], // core module
    [0x00, ...str('wasi:io/streams@0.2.0'), 0x05, 0x00], // duplicate, listed once
  ];
  const exports = [
    [0x00, ...str('wasi:cli/run@0.2.0'), 0x05, 0x00, 0x00], // instance, no ascribed type
    [0x00, ...str('hello'), 0x01, 0x04, 0x01, 0x01, 0x05], // func with ascribed func type
    [0x00, ...str('core-thing'), 0x00, 0x11, 0x00, 0x00], // core module sort
  ];
  return Buffer.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x0d,
    0x00,
    0x01,
    0x00,
    ...section(1, core),
    ...section(10, vec(imports)),
    ...section(0, [...str('name'), 1, 2, 3]), // a custom section
    ...section(11, vec(exports)),
  ]);
}

describe('wasm binaries', () => {
  it.each([
    ['a core module', helloWasm(), 'module'],
    ['a component', component(), 'component'],
  ])('recognises %s', (_n, bytes, kind) => {
    expect(wasmKind(bytes)).toBe(kind);
  });

  it.each([
    ['empty', Buffer.alloc(0), /magic/],
    ['an ELF file', Buffer.from('\x7fELF\x02\x01\x01\x00'), /magic/],
    ['an unknown version', Buffer.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), /unknown version/],
    // The frontend's check and the publisher agree: a pre-standard component layer version is refused.
    ['a pre-standard component', Buffer.from([0, 0x61, 0x73, 0x6d, 0x0a, 0, 1, 0]), /pre-standard component/],
    [
      'a truncated component section',
      Buffer.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 10, 50, 1]),
      /runs past/,
    ],
  ])('rejects %s', (_n, bytes, message) => {
    expect(() => inspectWasm(bytes)).toThrow(WasmFormatError);
    expect(() => inspectWasm(bytes)).toThrow(message);
  });

  it("lists a component's top-level imports and exports, sorted and unique", () => {
    expect(inspectWasm(component())).toEqual({
      kind: 'component',
      imports: [
        'acme:lib/util',
        'flag',
        'log',
        'modl',
        'res',
        'wasi:cli/environment@0.2.0',
        'wasi:io/streams@0.2.0',
      ],
      exports: ['core-thing', 'hello', 'wasi:cli/run@0.2.0'],
    });
  });
});

describe('CNCF Wasm OCI artifact', () => {
  it.each([
    ['a module (wasip1, component null)', helloWasm(), { os: 'wasip1', component: null }],
    [
      'a component (wasip2, with imports and exports)',
      component(),
      {
        os: 'wasip2',
        component: {
          exports: ['core-thing', 'hello', 'wasi:cli/run@0.2.0'],
          imports: [
            'acme:lib/util',
            'flag',
            'log',
            'modl',
            'res',
            'wasi:cli/environment@0.2.0',
            'wasi:io/streams@0.2.0',
          ],
          target: null,
        },
      },
    ],
  ])('builds the config and manifest for %s', (_n, module, expected) => {
    const a = buildWasmArtifact({ module, created: '2024-05-01T12:00:00Z' });
    const layerDigest = sha256(module);
    expect(JSON.parse(a.config.bytes.toString())).toEqual({
      created: '2024-05-01T12:00:00Z',
      author: null,
      architecture: 'wasm',
      os: expected.os,
      layerDigests: [layerDigest],
      component: expected.component,
    });
    // Key order is part of the digest: fixed.
    expect(Object.keys(JSON.parse(a.config.bytes.toString()))).toEqual([
      'created',
      'author',
      'architecture',
      'os',
      'layerDigests',
      'component',
    ]);
    expect(a.config.descriptor).toEqual({
      mediaType: 'application/vnd.wasm.config.v0+json',
      digest: sha256(a.config.bytes),
      size: a.config.bytes.length,
    });
    expect(a.layer.descriptor).toEqual({
      mediaType: 'application/wasm',
      digest: layerDigest,
      size: module.length,
    });
    expect(a.layer.bytes.equals(module)).toBe(true);
    const m = JSON.parse(a.manifest.bytes.toString());
    expect(m).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: a.config.descriptor,
      layers: [a.layer.descriptor],
    });
    expect(a.manifest.descriptor.digest).toBe(sha256(a.manifest.bytes));
  });

  it('is deterministic, and `created`/author/target/os feed the digest', () => {
    const base = { module: helloWasm(), created: '2024-05-01T12:00:00Z' };
    const d = (x: Parameters<typeof buildWasmArtifact>[0]) => buildWasmArtifact(x).manifest.descriptor.digest;
    expect(d(base)).toBe(d({ ...base, module: Buffer.from(helloWasm()) }));
    expect(d({ ...base, created: '2024-05-01T12:00:01Z' })).not.toBe(d(base));
    const withAuthor = buildWasmArtifact({
      ...base,
      author: 'me',
      os: 'wasip2',
      target: 'wasi:cli/command@0.2.0',
    });
    expect(withAuthor.config.value).toMatchObject({
      author: 'me',
      os: 'wasip2',
      component: { exports: [], imports: [], target: 'wasi:cli/command@0.2.0' },
    });
  });

  it.each<[string | undefined, string | undefined, string | undefined, string]>([
    ['2030-01-01T00:00:00Z', '2024-05-01T12:00:00Z', '1700000000', '2030-01-01T00:00:00Z'],
    [undefined, '2024-05-01T12:00:00Z', '1700000000', '2024-05-01T12:00:00Z'],
    [undefined, undefined, '1700000000', '2023-11-14T22:13:20Z'],
    [undefined, undefined, 'garbage', '1970-01-01T00:00:00Z'],
    [undefined, undefined, undefined, '1970-01-01T00:00:00Z'],
  ])('created: explicit %s, image %s, SOURCE_DATE_EPOCH %s -> %s', (explicit, image, epoch, expected) => {
    expect(artifactCreated(explicit, image, epoch === undefined ? {} : { SOURCE_DATE_EPOCH: epoch })).toBe(
      expected,
    );
  });
});
