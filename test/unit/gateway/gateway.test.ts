import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sourceError } from '../../../frontend/gateway/frontend-error.js';
import { Gateway, runFrontend, type FrontendResult } from '../../../frontend/gateway/gateway.js';
import { decodeResult } from '../../../frontend/gateway/proto/result.js';
import {
  decodeRpcStatus,
  encodeRpcStatus,
  type RpcStatus,
} from '../../../frontend/gateway/proto/rpc-status.js';
import { GrpcError } from '../../../frontend/gateway/transport/grpc-status.js';
import {
  ALL_CAPS,
  pongBytes,
  startStandIn,
  type Handler,
  type RecordedCall,
  type StandIn,
} from './stand-in.js';

let standIn: StandIn | undefined;
let gateway: Gateway | undefined;
let stderr: string[] = [];

beforeEach(() => {
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await gateway?.close();
  await standIn?.close();
  gateway = undefined;
  standIn = undefined;
});

const env = {
  BUILDKIT_FRONTEND_OPT_0: 'filename=app.toml',
  BUILDKIT_FRONTEND_OPT_1: 'platform=wasi/wasm',
  BUILDKIT_SESSION_ID: 's1',
  BUILDKIT_WORKERS: '[{"ID":"w","Platforms":[{"architecture":"amd64","os":"linux"}]}]',
};

/** A stand-in daemon: Ping answers `caps`; `overrides` answer other methods; the rest get an empty OK. */
async function daemon(caps: readonly string[], overrides: Record<string, ReturnType<Handler>> = {}) {
  standIn = await startStandIn((call) => {
    const override = overrides[call.method];
    if (override) return override;
    if (call.method === 'Ping') return { message: pongBytes(caps, { llbCaps: ['source.local'] }) };
    return { message: new Uint8Array(0) };
  });
  return standIn;
}

function returnsOf(calls: RecordedCall[]) {
  // Copied out of the Buffer so decoded bytes compare equal to plain Uint8Arrays.
  return calls
    .filter((c) => c.method === 'Return')
    .map((c) => new BinaryReader(new Uint8Array(c.messages[0] ?? [])));
}

/** The one Return's error status, or its result. */
function returned(calls: RecordedCall[]) {
  const all = returnsOf(calls);
  expect(all).toHaveLength(1);
  const r = all[0] as BinaryReader;
  const [field] = r.tag();
  const body = r.bytes();
  return field === 2 ? { error: decodeRpcStatus(body) } : { result: decodeResult(body) };
}

describe('Gateway', () => {
  it('connects with one Ping and exposes caps, options and environment', async () => {
    const s = await daemon(ALL_CAPS);
    gateway = await Gateway.connect({ duplex: s.connect(), env });
    expect(s.calls.map((c) => c.method)).toEqual(['Ping']);
    expect(gateway.caps.has('readfile')).toBe(true);
    expect(gateway.llbCaps.has('source.local')).toBe(true);
    expect(gateway.options().filename).toBe('app.toml');
    expect(gateway.options().platforms).toEqual([{ os: 'wasi', architecture: 'wasm' }]);
    expect(gateway.environment()).toMatchObject({
      sessionId: 's1',
      buildPlatform: { os: 'linux', architecture: 'amd64' },
    });
  });

  it('solves a marshaled definition and reads a file of the result', async () => {
    const solveResponse = new BinaryWriter()
      .tag(3, WireType.LengthDelimited)
      .fork()
      .tag(3, WireType.LengthDelimited)
      .fork()
      .tag(1, WireType.LengthDelimited)
      .string('ref-1')
      .join()
      .join()
      .finish();
    const s = await daemon(ALL_CAPS, {
      Solve: { message: solveResponse },
      ReadFile: { message: Uint8Array.of(0x0a, 2, 0x68, 0x69) },
    });
    gateway = await Gateway.connect({ duplex: s.connect(), env });
    const definition = Uint8Array.of(0x0a, 0x01, 0x00);
    const result = await gateway.solve({ definition });
    expect(result.ref).toEqual({ id: 'ref-1' });
    expect(Buffer.from(await gateway.readFile(result.ref ?? 'x', 'app.toml')).toString()).toBe('hi');
    const [, solve, readFile] = s.calls;
    // Definition(1) verbatim, allowResultReturn(5), allowResultArrayRef(6).
    expect(solve?.messages[0]?.toString('hex')).toBe('0a030a01002801' + '3001');
    expect(readFile?.messages[0]?.toString('hex')).toBe(
      Buffer.from('\x0a\x05ref-1\x12\x08app.toml').toString('hex'),
    );
  });

  it('returns exactly once: a second Return throws and is not sent', async () => {
    const s = await daemon(ALL_CAPS);
    gateway = await Gateway.connect({ duplex: s.connect(), env });
    await gateway.returnResult({ ref: { id: 'r' }, metadata: { 'containerimage.config': '{"os":"wasi"}' } });
    await expect(gateway.returnResult({})).rejects.toThrow(/already called/);
    await expect(gateway.returnError(new Error('late'))).rejects.toThrow(/already called/);
    expect(returned(s.calls)).toEqual({
      result: {
        ref: { id: 'r' },
        metadata: new Map([['containerimage.config', new TextEncoder().encode('{"os":"wasi"}')]]),
      },
    });
  });

  it('returns a daemon error as it came, details included', async () => {
    const status: RpcStatus = {
      code: 2,
      message: 'process "cargo build" did not complete successfully: exit code: 101',
      details: [{ typeUrl: 'github.com/moby/buildkit/errdefs.Vertex', value: Uint8Array.of(0x0a, 1, 0x78) }],
    };
    const s = await daemon(ALL_CAPS, {
      Solve: { status: 2, grpcMessage: 'x', details: encodeRpcStatus(status) },
    });
    gateway = await Gateway.connect({ duplex: s.connect(), env });
    const err = await gateway.solve({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrpcError);
    await gateway.returnError(err);
    expect(returned(s.calls)).toEqual({ error: { ...status, message: 'x' } });
  });

  it('warns through the daemon when it can, with source info', async () => {
    const s = await daemon(ALL_CAPS);
    gateway = await Gateway.connect({ duplex: s.connect(), env });
    const sent = await gateway.warn({
      vertex: 'sha256:v',
      message: 'w',
      source: { file: { filename: 'f', data: 'a' }, ranges: [{ start: { line: 1 } }] },
    });
    expect(sent).toBe(true);
    const warn = s.calls.find((c) => c.method === 'Warn');
    expect(warn?.messages[0]?.toString('hex')).toBe(
      Buffer.concat([
        Buffer.from('\x0a\x08sha256:v\x10\x01\x1a\x01w', 'latin1'),
        Buffer.from('\x32\x0c\x0a\x01f\x12\x01a\x22\x04toml', 'latin1'),
        Buffer.from('\x3a\x08\x0a\x02\x08\x01\x12\x02\x08\x01', 'latin1'),
      ]).toString('hex'),
    );
  });

  it('logs a warning instead when the daemon lacks gateway.warnings', async () => {
    const s = await daemon(ALL_CAPS.filter((c) => c !== 'gateway.warnings'));
    gateway = await Gateway.connect({ duplex: s.connect(), env });
    expect(await gateway.warn({ vertex: 'sha256:v', message: 'careful' })).toBe(false);
    expect(s.calls.map((c) => c.method)).toEqual(['Ping']);
    expect(stderr.join('')).toMatch(/wasm-frontend warn: .*careful/);
  });

  it('closes the connection when the first Ping fails', async () => {
    const s = await daemon([], { Ping: { status: 14, grpcMessage: 'shutting down' } });
    await expect(Gateway.connect({ duplex: s.connect(), env })).rejects.toThrow(/shutting down/);
    await vi.waitFor(() => expect(s.sessions[0]?.closed).toBe(true));
  });
});

describe('runFrontend', () => {
  async function run(build: (gw: Gateway) => Promise<FrontendResult>, caps = ALL_CAPS, overrides = {}) {
    const s = await daemon(caps, overrides);
    const code = await runFrontend(build, { duplex: s.connect(), env });
    return { code, s };
  }

  it('returns the build result and exits 0', async () => {
    const { code, s } = await run(async () => ({ refs: { 'wasi/wasm': { id: 'r' } } }));
    expect(code).toBe(0);
    expect(returned(s.calls)).toEqual({
      result: { refs: new Map([['wasi/wasm', { id: 'r' }]]), metadata: new Map() },
    });
    // The connection is left to end with the process: closing it first makes BuildKit cancel the build.
    expect(s.sessions[0]?.closed).toBe(false);
  });

  it('returns a thrown FrontendError as the build error and still exits 0', async () => {
    const err = sourceError('bad key', { filename: 'app.toml', data: 'x = 1\n' }, [{ start: { line: 1 } }]);
    const { code, s } = await run(async () => {
      throw err;
    });
    expect(code).toBe(0);
    expect(returned(s.calls)).toEqual({ error: err.status });
    expect(stderr.join('')).toMatch(/build failed: FrontendError: bad key/);
  });

  it('returns a bad option as INVALID_ARGUMENT', async () => {
    const s = await daemon(ALL_CAPS);
    const code = await runFrontend(async (gw) => (gw.options(), {}), {
      duplex: s.connect(),
      env: { BUILDKIT_FRONTEND_OPT_0: 'platform=wasm' },
    });
    expect(code).toBe(0);
    expect(returned(s.calls)).toMatchObject({
      error: { code: 3, message: expect.stringMatching(/invalid platform/) },
    });
  });

  it('writes no trace line unless the build asks for one', async () => {
    await run(async () => ({}));
    expect(stderr.join('')).not.toMatch(/trace:/);
  });

  it('writes one trace line after the Return with WASM_BUILD_FRONTEND_TRACE: times, peak RSS, calls', async () => {
    const s = await daemon(ALL_CAPS);
    const code = await runFrontend(
      async (gw) => {
        await gw.readFile('r', '/wasm.toml');
        return {};
      },
      {
        duplex: s.connect(),
        env: { ...env, BUILDKIT_FRONTEND_OPT_2: 'build-arg:WASM_BUILD_FRONTEND_TRACE=1' },
      },
    );
    expect(code).toBe(0);
    const lines = stderr
      .join('')
      .split('\n')
      .filter((l) => l.includes('trace:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /wasm-frontend info: trace: start=\d+\.\d return=\d+\.\d max-rss-kib=[1-9]\d* calls=Ping:1,ReadFile:1,Return:1$/,
    );
  });

  it('exits 1 when the Return itself fails', async () => {
    const { code } = await run(async () => ({}), ALL_CAPS, { Return: { status: 13, grpcMessage: 'nope' } });
    expect(code).toBe(1);
    expect(stderr.join('')).toMatch(/Return failed: .*nope/);
  });

  it('exits 1 without building when the daemon cannot be reached', async () => {
    const build = vi.fn(async () => ({}));
    const { code, s } = await run(build, [], { Ping: { status: 14, grpcMessage: 'gone' } });
    expect(code).toBe(1);
    expect(build).not.toHaveBeenCalled();
    expect(s.calls.map((c) => c.method)).toEqual(['Ping']);
  });
});
