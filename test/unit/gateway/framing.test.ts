import { describe, expect, it } from 'vitest';
import { FrameDecoder, MAX_MESSAGE_BYTES, encodeFrame } from '../../../frontend/gateway/transport/framing.js';
import {
  GrpcCode,
  GrpcError,
  codeForHttpStatus,
  percentDecode,
  statusFromMetadata,
} from '../../../frontend/gateway/transport/grpc-status.js';
import { encodeRpcStatus } from '../../../frontend/gateway/proto/rpc-status.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function frameOf(payload: number[]): Uint8Array {
  const b = Buffer.alloc(5 + payload.length);
  b.writeUInt32BE(payload.length, 1);
  b.set(payload, 5);
  return b;
}

function caught(fn: () => unknown): GrpcError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GrpcError) return err;
    throw err;
  }
  throw new Error('expected a GrpcError');
}

describe('encodeFrame', () => {
  it('prefixes flag 0 and the big-endian length', () => {
    expect(hex(encodeFrame('Ping', new Uint8Array([0xaa, 0xbb])))).toBe('0000000002aabb');
    expect(hex(encodeFrame('Ping', new Uint8Array(0)))).toBe('0000000000');
  });

  it('accepts exactly 16 MiB and refuses one byte more, naming the method', () => {
    expect(encodeFrame('Solve', new Uint8Array(MAX_MESSAGE_BYTES)).length).toBe(MAX_MESSAGE_BYTES + 5);
    const err = caught(() => encodeFrame('Solve', new Uint8Array(MAX_MESSAGE_BYTES + 1)));
    expect(err.code).toBe(GrpcCode.RESOURCE_EXHAUSTED);
    expect(err.message).toMatch(/request of Solve is 16777217 bytes \(16\.0 MiB\), over the 16\.0 MiB/);
  });
});

describe('FrameDecoder', () => {
  const two = Buffer.concat([frameOf([1, 2, 3]), frameOf([]), frameOf([9])]);

  it.each(Array.from({ length: two.length + 1 }, (_, cut) => cut))(
    'reassembles messages split at byte %i',
    (cut) => {
      const decoder = new FrameDecoder('ReadFile');
      const out = [...decoder.push(two.subarray(0, cut)), ...decoder.push(two.subarray(cut))];
      expect(out.map((m) => [...m])).toEqual([[1, 2, 3], [], [9]]);
      expect(decoder.idle).toBe(true);
    },
  );

  it('survives one byte at a time and reports a partial message as not idle', () => {
    const decoder = new FrameDecoder('ReadFile');
    const out: Uint8Array[] = [];
    for (const byte of two.subarray(0, 7)) out.push(...decoder.push(Uint8Array.of(byte)));
    expect(out).toEqual([]);
    expect(decoder.idle).toBe(false);
    for (const byte of two.subarray(7)) out.push(...decoder.push(Uint8Array.of(byte)));
    expect(out.map((m) => [...m])).toEqual([[1, 2, 3], [], [9]]);
    expect(decoder.idle).toBe(true);
  });

  it('refuses a message over 16 MiB from its header alone', () => {
    const header = Buffer.alloc(5);
    header.writeUInt32BE(MAX_MESSAGE_BYTES + 1, 1);
    const err = caught(() => new FrameDecoder('ReadFile').push(header));
    expect(err.code).toBe(GrpcCode.RESOURCE_EXHAUSTED);
    expect(err.message).toMatch(/response of ReadFile is 16777217 bytes/);
  });

  it('accepts a header announcing exactly 16 MiB', () => {
    const header = Buffer.alloc(5);
    header.writeUInt32BE(MAX_MESSAGE_BYTES, 1);
    const decoder = new FrameDecoder('ReadFile');
    expect(decoder.push(header)).toEqual([]);
    expect(decoder.idle).toBe(false);
  });

  it('refuses compressed frames, which were never negotiated', () => {
    const compressed = Buffer.from(frameOf([1]));
    compressed[0] = 1;
    const err = caught(() => new FrameDecoder('Ping').push(compressed));
    expect(err.code).toBe(GrpcCode.INTERNAL);
    expect(err.message).toMatch(/flag 1/);
  });
});

describe('percentDecode (grpc-message)', () => {
  it.each([
    ['plain text', 'plain text'],
    ['100%25 done', '100% done'],
    ['failed%3A %E2%82%AC and %F0%9F%98%80', 'failed: € and 😀'],
    ['line1%0Aline2', 'line1\nline2'],
    ['%e2%82%ac lower-case hex', '€ lower-case hex'],
    ['bad %zz escape', 'bad %zz escape'],
    ['truncated %4', 'truncated %4'],
    ['ends with %', 'ends with %'],
    // A non-conforming server sending raw UTF-8: Node hands it over as latin1 chars, one per byte.
    [Buffer.from('raw é', 'utf8').toString('latin1'), 'raw é'],
  ])('%j -> %j', (input, want) => {
    expect(percentDecode(input)).toBe(want);
  });
});

describe('statusFromMetadata', () => {
  const details = encodeRpcStatus({
    code: 2,
    message: 'ignored: the header message wins',
    details: [{ typeUrl: 'github.com/moby/buildkit/stack.Stack', value: new Uint8Array([1, 2]) }],
  });

  it.each([
    ['padded base64', Buffer.from(details).toString('base64')],
    ['unpadded base64 (grpc-go)', Buffer.from(details).toString('base64').replace(/=+$/, '')],
  ])('decodes code, percent-encoded message and details from %s', (_name, bin) => {
    expect(
      statusFromMetadata({ 'grpc-status': '2', 'grpc-message': 'a%20b', 'grpc-status-details-bin': bin }),
    ).toEqual({
      code: 2,
      message: 'a b',
      details: [{ typeUrl: 'github.com/moby/buildkit/stack.Stack', value: new Uint8Array([1, 2]) }],
    });
  });

  it.each([
    ['no grpc-status', {}, undefined],
    ['OK without message', { 'grpc-status': '0' }, { code: 0, message: '', details: [] }],
    ['non-numeric status', { 'grpc-status': 'x' }, { code: GrpcCode.UNKNOWN, message: '', details: [] }],
    [
      'malformed details are dropped, code and message kept',
      {
        'grpc-status': '13',
        'grpc-message': 'boom',
        'grpc-status-details-bin': Buffer.from([0x0a, 9]).toString('base64'),
      },
      { code: 13, message: 'boom', details: [] },
    ],
  ])('%s', (_name, meta, want) => {
    expect(statusFromMetadata(meta)).toEqual(want);
  });
});

describe('codeForHttpStatus', () => {
  it.each([
    [400, GrpcCode.INTERNAL],
    [401, GrpcCode.UNAUTHENTICATED],
    [403, GrpcCode.PERMISSION_DENIED],
    [404, GrpcCode.UNIMPLEMENTED],
    [429, GrpcCode.UNAVAILABLE],
    [502, GrpcCode.UNAVAILABLE],
    [503, GrpcCode.UNAVAILABLE],
    [504, GrpcCode.UNAVAILABLE],
    [500, GrpcCode.UNKNOWN],
  ])('HTTP %i -> %i', (http, code) => {
    expect(codeForHttpStatus(http)).toBe(code);
  });
});
