import { describe, expect, it } from 'vitest';
import { CapabilityError } from '../../../frontend/gateway/caps.js';
import {
  FrontendError,
  invalidArgument,
  sourceError,
  statusFromError,
  unsupportedSubrequestError,
  withSourceLocation,
} from '../../../frontend/gateway/frontend-error.js';
import type { SourcePosition } from '../../../frontend/gateway/source-location.js';
import { GrpcError } from '../../../frontend/gateway/transport/grpc-status.js';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('sourceError', () => {
  it('builds errdefs.Source+json with Go json field names, base64 data and an end for every range', () => {
    const file = '[package]\nname = 1\n';
    const err = sourceError('name must be a string', { filename: 'wasm.toml', data: file }, [
      { start: { line: 2, character: 7 } },
      { start: { line: 1 }, end: { line: 2, character: 8 } },
    ]);
    expect(err).toBeInstanceOf(FrontendError);
    expect(err.message).toBe('name must be a string');
    expect(err.status.code).toBe(3);
    expect(err.status.message).toBe('name must be a string');
    const [detail] = err.status.details;
    expect(detail?.typeUrl).toBe('github.com/moby/buildkit/errdefs.Source+json');
    expect(text(detail?.value ?? new Uint8Array(0))).toBe(
      JSON.stringify({
        info: { filename: 'wasm.toml', data: Buffer.from(file).toString('base64'), language: 'toml' },
        ranges: [
          { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } },
          { start: { line: 1, character: 0 }, end: { line: 2, character: 8 } },
        ],
      }),
    );
  });

  it('takes bytes, another language and code UNKNOWN', () => {
    const err = sourceError(
      'x',
      { filename: 'Cargo.toml', data: Uint8Array.of(0xff), language: 'cargo' },
      [],
      2,
    );
    expect(err.status.code).toBe(2);
    const json = JSON.parse(text(err.status.details[0]?.value ?? new Uint8Array(0))) as {
      info: { data: string; language: string };
    };
    expect(json.info).toEqual({ filename: 'Cargo.toml', data: '/w==', language: 'cargo' });
  });

  it.each<[SourcePosition, string]>([
    [{ line: 0 }, 'line 0'],
    [{ line: 1.5 }, 'fractional line'],
    [{ line: 1, character: -1 }, 'negative character'],
  ])('rejects position %j (%s)', (start) => {
    expect(() => sourceError('x', { filename: 'f', data: '' }, [{ start }])).toThrow(RangeError);
  });
});

describe('other user errors', () => {
  it('unsupportedSubrequestError carries errdefs.Subrequest+json and BuildKit wording', () => {
    const err = unsupportedSubrequestError('frontend.lint');
    expect(err.status).toEqual({
      code: 2,
      message: 'unsupported request frontend.lint',
      details: [
        {
          typeUrl: 'github.com/moby/buildkit/errdefs.Subrequest+json',
          value: new TextEncoder().encode('{"name":"frontend.lint"}'),
        },
      ],
    });
  });

  it('invalidArgument has code 3 and no details', () => {
    expect(invalidArgument('bad opt').status).toEqual({ code: 3, message: 'bad opt', details: [] });
  });
});

describe('statusFromError', () => {
  const daemonStatus = {
    code: 2,
    message: 'process "cargo build" did not complete successfully',
    details: [{ typeUrl: 'github.com/moby/buildkit/errdefs.Vertex', value: Uint8Array.of(1) }],
  };

  it.each([
    ['a FrontendError: its status', invalidArgument('x'), { code: 3, message: 'x', details: [] }],
    ['a daemon GrpcError: passed through with details', new GrpcError('Solve', daemonStatus), daemonStatus],
    [
      'a CapabilityError: UNKNOWN with its message',
      new CapabilityError('readfile', 'cannot read'),
      { code: 2, message: 'cannot read', details: [] },
    ],
    ['a plain Error', new Error('boom'), { code: 2, message: 'boom', details: [] }],
    ['an Error without message', new Error(''), { code: 2, message: 'frontend failed', details: [] }],
    ['a thrown string', 'oops', { code: 2, message: 'oops', details: [] }],
  ])('%s', (_name, err, want) => {
    expect(statusFromError(err)).toEqual(want);
  });
});

describe('withSourceLocation', () => {
  const file = { filename: 'wasm.toml', data: '[module]\nbuild = ["false"]\n' };
  const spans = [{ start: { line: 2, character: 1 }, end: { line: 2, character: 18 } }];
  const vertex = { typeUrl: 'type.googleapis.com/errdefs.Vertex', value: new Uint8Array([1]) };

  it('adds a source detail to a daemon error, keeping its code, message and details', () => {
    const err = new GrpcError('Solve', {
      code: 2,
      message: 'process "false" did not complete',
      details: [vertex],
    });
    const located = withSourceLocation(err, file, spans);
    expect(located).toBeInstanceOf(FrontendError);
    const { status } = located as FrontendError;
    expect(status.code).toBe(2);
    expect(status.message).toBe('process "false" did not complete');
    expect(status.details.map((d) => d.typeUrl)).toEqual([
      'type.googleapis.com/errdefs.Vertex',
      'github.com/moby/buildkit/errdefs.Source+json',
    ]);
  });

  it('leaves errors the daemon located, and anything that is not a daemon error, as they are', () => {
    const located = new GrpcError('Solve', {
      code: 2,
      message: 'failed',
      details: [{ typeUrl: 'type.googleapis.com/errdefs.Source', value: new Uint8Array([1]) }],
    });
    expect(withSourceLocation(located, file, spans)).toBe(located);
    const plain = new Error('boom');
    expect(withSourceLocation(plain, file, spans)).toBe(plain);
  });
});
