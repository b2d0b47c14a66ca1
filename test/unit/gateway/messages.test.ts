import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import * as write from '../../../frontend/proto/write.js';
import {
  decodeReadDirResponse,
  decodeStatFileResponse,
  encodeReadDirRequest,
  encodeReadFileRequest,
  encodeStatFileRequest,
} from '../../../frontend/gateway/proto/files.js';
import {
  decodeResolveImageConfigResponse,
  encodeResolveImageConfigRequest,
} from '../../../frontend/gateway/proto/image.js';
import { decodeInputsResponse } from '../../../frontend/gateway/proto/inputs.js';
import { decodePlatform, writePlatform, type Platform } from '../../../frontend/gateway/proto/platform.js';
import { decodePongResponse } from '../../../frontend/gateway/proto/pong.js';
import { decodeResult, writeResult, type Result } from '../../../frontend/gateway/proto/result.js';
import { encodeReturnRequest } from '../../../frontend/gateway/proto/return.js';
import {
  decodeRpcStatus,
  encodeRpcStatus,
  type RpcStatus,
} from '../../../frontend/gateway/proto/rpc-status.js';
import { decodeSolveResponse, encodeSolveRequest } from '../../../frontend/gateway/proto/solve.js';
import { encodeWarnRequest } from '../../../frontend/gateway/proto/warn.js';

/** Bytes from numbers (single bytes) and strings (UTF-8), to spell expected encodings by hand. */
function bytes(...parts: (number | string)[]): Uint8Array {
  return new Uint8Array(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...Buffer.from(p, 'utf8')])));
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('request encoding, exact bytes', () => {
  it.each([
    {
      name: 'ReadFileRequest with range',
      got: encodeReadFileRequest({ ref: 'r1', path: 'wasm.toml', range: { offset: 10, length: 20 } }),
      want: bytes(0x0a, 2, 'r1', 0x12, 9, 'wasm.toml', 0x1a, 4, 0x08, 10, 0x10, 20),
    },
    {
      name: 'ReadFileRequest without range',
      got: encodeReadFileRequest({ ref: 'r1', path: 'a' }),
      want: bytes(0x0a, 2, 'r1', 0x12, 1, 'a'),
    },
    {
      name: 'ReadDirRequest',
      got: encodeReadDirRequest({ ref: 'r', path: '/src', includePattern: '*.rs' }),
      want: bytes(0x0a, 1, 'r', 0x12, 4, '/src', 0x1a, 4, '*.rs'),
    },
    {
      name: 'StatFileRequest',
      got: encodeStatFileRequest({ ref: 'r', path: 'x' }),
      want: bytes(0x0a, 1, 'r', 0x12, 1, 'x'),
    },
    {
      name: 'SolveRequest: definition bytes verbatim, sorted opts, flags, cache imports, evaluate',
      got: encodeSolveRequest({
        definition: bytes(1, 2, 3),
        frontendOpt: { b: '2', a: '1' },
        allowResultReturn: true,
        allowResultArrayRef: true,
        cacheImports: [{ type: 'registry', attrs: { ref: 'x' } }],
        evaluate: true,
      }),
      // prettier-ignore
      want: bytes(
        0x0a, 3, 1, 2, 3,                                  // 1 Definition, verbatim
        0x1a, 6, 0x0a, 1, 'a', 0x12, 1, '1',               // 3 FrontendOpt, sorted
        0x1a, 6, 0x0a, 1, 'b', 0x12, 1, '2',
        0x28, 1,                                           // 5 allowResultReturn
        0x30, 1,                                           // 6 allowResultArrayRef
        0x62, 20, 0x0a, 8, 'registry',                     // 12 CacheImports{Type,
        0x12, 8, 0x0a, 3, 'ref', 0x12, 1, 'x',             //    Attrs}
        0x70, 1,                                           // 14 Evaluate
      ),
    },
    {
      name: 'SolveRequest: a frontend with an empty option value (value still written)',
      got: encodeSolveRequest({ frontend: 'dockerfile.v0', frontendOpt: new Map([['no-cache', '']]) }),
      want: bytes(0x12, 13, 'dockerfile.v0', 0x1a, 12, 0x0a, 8, 'no-cache', 0x12, 0),
    },
    {
      name: 'ResolveImageConfigRequest',
      got: encodeResolveImageConfigRequest({
        ref: 'docker.io/library/rust:1.80',
        platform: { os: 'linux', architecture: 'amd64' },
        resolveMode: 'pull',
        logName: 'load rust',
      }),
      // prettier-ignore
      want: bytes(
        0x0a, 27, 'docker.io/library/rust:1.80',          // 1 Ref
        0x12, 14, 0x0a, 5, 'amd64', 0x12, 5, 'linux',      // 2 Platform{Architecture, OS}
        0x1a, 4, 'pull',                                   // 3 ResolveMode
        0x22, 9, 'load rust',                              // 4 LogName
      ),
    },
    {
      name: 'ReturnRequest with an error status and an Any detail',
      got: encodeReturnRequest({
        error: { code: 3, message: 'bad', details: [{ typeUrl: 't', value: bytes('v') }] },
      }),
      want: bytes(0x12, 15, 0x08, 3, 0x12, 3, 'bad', 0x1a, 6, 0x0a, 1, 't', 0x12, 1, 'v'),
    },
    {
      name: 'ReturnRequest with a ref and metadata',
      got: encodeReturnRequest({ result: { ref: { id: 'abc' }, metadata: { k: bytes('{}') } } }),
      want: bytes(0x0a, 16, 0x1a, 5, 0x0a, 3, 'abc', 0x52, 7, 0x0a, 1, 'k', 0x12, 2, '{}'),
    },
    {
      name: 'ReturnRequest with an in-toto attestation for a platform',
      got: encodeReturnRequest({
        result: { attestations: { 'wasi/wasm': [{ ref: { id: 'r' }, path: '/s', predicateType: 'p' }] } },
      }),
      // Result.attestations (12): entry{key, Attestations{Attestation{ref 3, path 4, predicate 5}}}
      // prettier-ignore
      want: bytes(0x0a, 29, 0x62, 27, 0x0a, 9, 'wasi/wasm', 0x12, 14, 0x0a, 12,
        0x1a, 3, 0x0a, 1, 'r', 0x22, 2, '/s', 0x2a, 1, 'p'),
    },
    {
      name: 'ReturnRequest with an empty result still sends the Result message',
      got: encodeReturnRequest({ result: {} }),
      want: bytes(0x0a, 0),
    },
    {
      name: 'ReturnRequest with a ref map',
      got: encodeReturnRequest({ result: { refs: { 'wasi/wasm': { id: 'r' } } } }),
      want: bytes(0x0a, 20, 0x22, 18, 0x0a, 16, 0x0a, 9, 'wasi/wasm', 0x12, 3, 0x0a, 1, 'r'),
    },
    {
      name: 'WarnRequest with source info and a range',
      got: encodeWarnRequest({
        digest: 'sha256:d',
        level: 1,
        short: 'w',
        detail: ['', 'x'],
        url: 'u',
        info: { filename: 'f', data: bytes('a'), language: 'toml' },
        ranges: [{ start: { line: 2, character: 0 }, end: { line: 3, character: 4 } }],
      }),
      // prettier-ignore
      want: bytes(
        0x0a, 8, 'sha256:d',                               // 1 digest
        0x10, 1,                                           // 2 level
        0x1a, 1, 'w',                                      // 3 short
        0x22, 0, 0x22, 1, 'x',                             // 4 detail, empty line kept
        0x2a, 1, 'u',                                      // 5 url
        0x32, 12, 0x0a, 1, 'f', 0x12, 1, 'a', 0x22, 4, 'toml', // 6 info
        0x3a, 10, 0x0a, 2, 0x08, 2,                        // 7 ranges: start (character 0 omitted),
        0x12, 4, 0x08, 3, 0x10, 4,                         //   end
      ),
    },
  ])('$name', ({ got, want }) => {
    expect(hex(got)).toBe(hex(want));
  });

  it('sorts map entries by UTF-8 bytes, not UTF-16 code units', () => {
    // UTF-16 order would be z, é, 😀 (d83d), \uffff; byte order puts ef bf bf before f0 9f 98 80.
    const w = new write.BinaryWriter();
    write.map(w, 1, { '\uffff': '', '😀': '', é: '', z: '' }, write.mapValue.string);
    const keys = decodeSolveRequestOptKeys(w.finish());
    expect(keys).toEqual(['z', 'é', '\uffff', '😀']);
  });

  it('encodes the same map identically whatever the insertion order', () => {
    const a = encodeSolveRequest({
      frontendOpt: new Map([
        ['x', '1'],
        ['a', '2'],
      ]),
    });
    const b = encodeSolveRequest({ frontendOpt: { a: '2', x: '1' } });
    expect(hex(a)).toBe(hex(b));
  });

  it('refuses a result with both ref and refs', () => {
    expect(() => encodeReturnRequest({ result: { ref: { id: 'a' }, refs: { p: { id: 'b' } } } })).toThrow(
      /either one ref or a map of refs/,
    );
  });
});

/** Reads the keys of field-1 map entries, to check their order. */
function decodeSolveRequestOptKeys(buf: Uint8Array): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < buf.length) {
    const entryLen = buf[i + 1] ?? 0;
    const keyLen = buf[i + 3] ?? 0;
    keys.push(Buffer.from(buf.subarray(i + 4, i + 4 + keyLen)).toString('utf8'));
    i += 2 + entryLen;
  }
  return keys;
}

describe('round trips', () => {
  it.each<RpcStatus>([
    { code: 2, message: 'failed to solve', details: [] },
    {
      code: 3,
      message: 'ünïcode',
      details: [
        { typeUrl: 'github.com/moby/buildkit/errdefs.Source+json', value: bytes('{"a":1}') },
        { typeUrl: 'x', value: new Uint8Array(0) },
      ],
    },
  ])('google.rpc.Status $message', (status) => {
    expect(decodeRpcStatus(encodeRpcStatus(status))).toEqual(status);
  });

  it.each<Platform>([
    { os: 'wasi', architecture: 'wasm' },
    { os: 'linux', architecture: 'arm', variant: 'v7' },
    { os: 'windows', architecture: 'amd64', osVersion: '10.0.17763', osFeatures: ['win32k', 'x'] },
  ])('Platform $os/$architecture', (platform) => {
    const w = new write.BinaryWriter();
    writePlatform(w, platform);
    expect(decodePlatform(w.finish())).toEqual(platform);
  });

  it.each<[string, Result]>([
    ['single ref with def', { ref: { id: 'r1', def: bytes(0x0a, 1, 7) }, metadata: new Map() }],
    ['empty ref id', { ref: { id: '' }, metadata: new Map() }],
    [
      'refs and metadata',
      {
        refs: new Map([
          ['linux/amd64', { id: 'a' }],
          ['wasi/wasm', { id: 'b' }],
        ]),
        metadata: new Map([['containerimage.config', bytes('{"os":"wasi"}')]]),
      },
    ],
  ])('Result: %s', (_name, result) => {
    const w = new write.BinaryWriter();
    writeResult(w, result);
    expect(decodeResult(w.finish())).toEqual(result);
  });
});

describe('response decoding', () => {
  it('decodes a PongResponse with caps, a worker, labels, platforms and version', () => {
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('readfile');
    w.tag(2, WireType.Varint).bool(true).join();
    w.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('gateway.exec');
    w.tag(4, WireType.LengthDelimited).string('r').tag(5, WireType.LengthDelimited).string('no').join();
    w.tag(2, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('exec.meta.base');
    w.tag(2, WireType.Varint).bool(true).join();
    w.tag(3, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).string('w0');
    w.tag(2, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).string('org.mobyproject.buildkit.worker.executor');
    w.tag(2, WireType.LengthDelimited).string('oci').join();
    w.tag(3, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited)
      .string('arm64')
      .tag(2, WireType.LengthDelimited)
      .string('linux')
      .join();
    w.tag(4, WireType.LengthDelimited).fork().tag(1, WireType.Varint).bool(true).join(); // GCPolicy: skipped
    w.tag(5, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).string('github.com/moby/buildkit');
    w.tag(2, WireType.LengthDelimited).string('v0.32.2').join();
    w.join();
    const pong = decodePongResponse(w.finish());
    expect(pong.frontendApiCaps).toEqual([
      {
        id: 'readfile',
        enabled: true,
        deprecated: false,
        disabledReason: '',
        disabledReasonMsg: '',
        disabledAlternative: '',
      },
      {
        id: 'gateway.exec',
        enabled: false,
        deprecated: false,
        disabledReason: 'r',
        disabledReasonMsg: 'no',
        disabledAlternative: '',
      },
    ]);
    expect(pong.llbCaps.map((c) => [c.id, c.enabled])).toEqual([['exec.meta.base', true]]);
    expect(pong.workers).toEqual([
      {
        id: 'w0',
        labels: new Map([['org.mobyproject.buildkit.worker.executor', 'oci']]),
        platforms: [{ os: 'linux', architecture: 'arm64' }],
        buildkitVersion: { package: 'github.com/moby/buildkit', version: 'v0.32.2', revision: '' },
      },
    ]);
  });

  it('skips unknown fields and known fields on an unexpected wire type', () => {
    const w = new BinaryWriter();
    w.tag(1, WireType.Varint).int32(5); // Digest is a string: a varint here is not it
    w.tag(99, WireType.LengthDelimited).string('future field');
    w.tag(98, WireType.Bit64).fixed64(1n);
    w.tag(1, WireType.LengthDelimited).string('sha256:abc');
    w.tag(2, WireType.LengthDelimited).bytes(bytes('{"os":"wasi"}'));
    w.tag(3, WireType.LengthDelimited).string('docker.io/library/x:1');
    expect(decodeResolveImageConfigResponse(w.finish())).toEqual({
      digest: 'sha256:abc',
      config: bytes('{"os":"wasi"}'),
      ref: 'docker.io/library/x:1',
    });
  });

  it('decodes a SolveResponse result, ignoring the deprecated ref field', () => {
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).string('old');
    w.tag(3, WireType.LengthDelimited).fork();
    w.tag(3, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('new').join();
    w.join();
    expect(decodeSolveResponse(w.finish())).toEqual({ ref: { id: 'new' }, metadata: new Map() });
  });

  it('decodes Stat entries of ReadDir and StatFile', () => {
    const stat = (path: string) => {
      const s = new BinaryWriter();
      s.tag(1, WireType.LengthDelimited).string(path);
      s.tag(2, WireType.Varint).uint32(2 ** 31 + 0o755);
      s.tag(3, WireType.Varint).uint32(1000).tag(4, WireType.Varint).uint32(1001);
      s.tag(5, WireType.Varint).int64(4096n).tag(6, WireType.Varint).int64(1_700_000_000_123_456_789n);
      s.tag(7, WireType.LengthDelimited).string('target');
      s.tag(10, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('user.x').join();
      return s.finish();
    };
    const want = (path: string) => ({
      path,
      mode: 2 ** 31 + 0o755,
      uid: 1000,
      gid: 1001,
      size: 4096,
      modTime: 1_700_000_000_123_456_789n,
      linkname: 'target',
    });
    const dir = new BinaryWriter();
    dir.tag(1, WireType.LengthDelimited).bytes(stat('a')).tag(1, WireType.LengthDelimited).bytes(stat('b'));
    expect(decodeReadDirResponse(dir.finish())).toEqual([want('a'), want('b')]);
    const one = new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(stat('c')).finish();
    expect(decodeStatFileResponse(one)).toEqual(want('c'));
    expect(() => decodeStatFileResponse(new Uint8Array(0))).toThrow(/no stat/);
  });

  it('decodes InputsResponse definitions as raw bytes', () => {
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited)
      .string('context')
      .tag(2, WireType.LengthDelimited)
      .bytes(bytes(0x0a, 0));
    w.join();
    expect(decodeInputsResponse(w.finish())).toEqual(new Map([['context', bytes(0x0a, 0)]]));
  });

  it('names the message in a decoding error', () => {
    expect(() => decodePongResponse(bytes(0x0a, 50, 1))).toThrow(/malformed PongResponse message/);
  });
});
