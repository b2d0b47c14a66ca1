import http2 from 'node:http2';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRpcStatus } from '../../../frontend/gateway/proto/rpc-status.js';
import { Http2Channel } from '../../../frontend/gateway/transport/channel.js';
import { MAX_MESSAGE_BYTES } from '../../../frontend/gateway/transport/framing.js';
import { GrpcCode, GrpcError } from '../../../frontend/gateway/transport/grpc-status.js';
import { frame, grpcHeaders, respondOk, startStandIn, type Handler, type StandIn } from './stand-in.js';

let standIn: StandIn | undefined;
let channel: Http2Channel | undefined;

afterEach(async () => {
  await channel?.close();
  await standIn?.close();
  channel = undefined;
  standIn = undefined;
});

async function open(handler: Handler): Promise<{ channel: Http2Channel; standIn: StandIn }> {
  standIn = await startStandIn(handler);
  channel = new Http2Channel(standIn.connect());
  return { channel, standIn };
}

async function rejection(p: Promise<unknown>): Promise<GrpcError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrpcError);
  return err as GrpcError;
}

describe('Http2Channel against a stand-in server', () => {
  it('sends gRPC headers and a framed request, and returns the response message', async () => {
    const { channel, standIn } = await open(() => ({ message: Buffer.from('pong') }));
    const response = await channel.unary('Ping', Buffer.from('req'));
    expect(Buffer.from(response).toString()).toBe('pong');
    const [call] = standIn.calls;
    expect(call?.headers).toMatchObject({
      ':method': 'POST',
      ':path': '/moby.buildkit.v1.frontend.LLBBridge/Ping',
      ':scheme': 'http',
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    expect(call?.body.toString('hex')).toBe('0000000003' + Buffer.from('req').toString('hex'));
  });

  it('runs every call over one connection, concurrently', async () => {
    const { channel, standIn } = await open(async (call) => {
      await sleep(call.method === 'A' ? 30 : 0);
      return { message: Buffer.from(call.method) };
    });
    const answers = await Promise.all(['A', 'B', 'C'].map((m) => channel.unary(m, new Uint8Array(0))));
    expect(answers.map((a) => Buffer.from(a).toString())).toEqual(['A', 'B', 'C']);
    expect(standIn.sessions).toHaveLength(1);
  });

  it('rejects with code, percent-decoded message and details from trailers', async () => {
    const details = encodeRpcStatus({
      code: 2,
      message: 'x',
      details: [{ typeUrl: 'github.com/moby/buildkit/errdefs.Vertex', value: Buffer.from('v') }],
    });
    const { channel } = await open(() => ({
      status: 2,
      grpcMessage: 'process %22cargo build%22 did not complete successfully: exit code: 101%0A%E2%9C%97',
      details,
    }));
    const err = await rejection(channel.unary('Solve', new Uint8Array(0)));
    expect(err.code).toBe(2);
    expect(err.method).toBe('Solve');
    expect(err.status.message).toBe('process "cargo build" did not complete successfully: exit code: 101\n✗');
    expect(err.details).toEqual([
      { typeUrl: 'github.com/moby/buildkit/errdefs.Vertex', value: new Uint8Array(Buffer.from('v')) },
    ]);
  });

  it('reads the status of a trailers-only response from its headers', async () => {
    const { channel } = await open(() => ({
      status: GrpcCode.UNIMPLEMENTED,
      grpcMessage: 'unknown method Nope',
      trailersOnly: true,
    }));
    const err = await rejection(channel.unary('Nope', new Uint8Array(0)));
    expect(err.code).toBe(GrpcCode.UNIMPLEMENTED);
    expect(err.status.message).toBe('unknown method Nope');
  });

  it('reassembles a message split across DATA frames, header included', async () => {
    const payload = Buffer.alloc(100_000, 0x61); // several 16 KiB DATA frames on its own
    payload.write('start');
    payload.write('end', payload.length - 3);
    const framed = frame(payload);
    const { channel } = await open(() => ({
      raw: async (stream) => {
        stream.respond(grpcHeaders, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        // Pauses between writes keep them in separate DATA frames.
        for (const piece of [framed.subarray(0, 2), framed.subarray(2, 7), framed.subarray(7, 50_000)]) {
          stream.write(piece);
          await sleep(20);
        }
        stream.end(framed.subarray(50_000));
      },
    }));
    const response = await channel.unary('ReadFile', new Uint8Array(0));
    expect(Buffer.from(response).equals(payload)).toBe(true);
  });

  it('carries a response of exactly 16 MiB', async () => {
    const { channel } = await open(() => ({ message: Buffer.alloc(MAX_MESSAGE_BYTES, 1) }));
    const response = await channel.unary('ReadFile', new Uint8Array(0));
    expect(response.length).toBe(MAX_MESSAGE_BYTES);
  });

  it('cancels a response over 16 MiB from its frame header, and the connection stays usable', async () => {
    let cancelled: number | undefined;
    const { channel, standIn } = await open((call) => {
      if (call.method !== 'ReadFile') return { message: Buffer.from('ok') };
      return {
        // Announces one byte over the limit, then waits: the client must not wait for the body.
        raw: (stream) => {
          const header = Buffer.alloc(5);
          header.writeUInt32BE(MAX_MESSAGE_BYTES + 1, 1);
          stream.respond(grpcHeaders);
          stream.write(Buffer.concat([header, Buffer.alloc(1000)]));
          stream.on('close', () => (cancelled = stream.rstCode));
        },
      };
    });
    const err = await rejection(channel.unary('ReadFile', new Uint8Array(0)));
    expect(err.code).toBe(GrpcCode.RESOURCE_EXHAUSTED);
    expect(err.message).toMatch(/response of ReadFile is 16777217 bytes/);
    await sleep(20);
    expect(cancelled).toBe(http2.constants.NGHTTP2_CANCEL);
    expect(Buffer.from(await channel.unary('Ping', new Uint8Array(0))).toString()).toBe('ok');
    expect(standIn.sessions).toHaveLength(1);
  });

  it('refuses a request over 16 MiB without sending it', async () => {
    const { channel, standIn } = await open(() => ({ message: new Uint8Array(0) }));
    const err = await rejection(channel.unary('Solve', new Uint8Array(MAX_MESSAGE_BYTES + 1)));
    expect(err.code).toBe(GrpcCode.RESOURCE_EXHAUSTED);
    expect(err.message).toMatch(/request of Solve is 16777217 bytes/);
    await channel.unary('Ping', new Uint8Array(0));
    expect(standIn.calls.map((c) => c.method)).toEqual(['Ping']);
  });

  it.each([
    {
      name: 'no grpc-status at all',
      raw: (stream: http2.ServerHttp2Stream) => {
        stream.respond(grpcHeaders);
        stream.end(frame(Buffer.from('x')));
      },
      code: GrpcCode.INTERNAL,
      message: /without grpc-status/,
    },
    {
      name: 'an HTTP error status',
      raw: (stream: http2.ServerHttp2Stream) => {
        stream.respond({ ':status': 404 });
        stream.end();
      },
      code: GrpcCode.UNIMPLEMENTED,
      message: /HTTP 404/,
    },
    {
      name: 'OK with no message',
      raw: (stream: http2.ServerHttp2Stream) => respondOk(stream, Buffer.alloc(0)),
      code: GrpcCode.INTERNAL,
      message: /no message/,
    },
    {
      name: 'OK with two messages',
      raw: (stream: http2.ServerHttp2Stream) =>
        respondOk(stream, Buffer.concat([frame(Buffer.from('a')), frame(Buffer.from('b'))])),
      code: GrpcCode.INTERNAL,
      message: /2 response messages/,
    },
    {
      name: 'OK ending inside a message',
      raw: (stream: http2.ServerHttp2Stream) => respondOk(stream, frame(Buffer.from('abc')).subarray(0, 6)),
      code: GrpcCode.INTERNAL,
      message: /inside a message/,
    },
    {
      name: 'a stream reset before any response',
      raw: (stream: http2.ServerHttp2Stream) => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR),
      code: GrpcCode.UNAVAILABLE,
      message: /no response from the BuildKit daemon \(RST_STREAM code 2\)/,
    },
  ])('rejects $name', async ({ raw, code, message }) => {
    const { channel } = await open(() => ({ raw }));
    const err = await rejection(channel.unary('Ping', new Uint8Array(0)));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it('reports calls after the daemon went away as UNAVAILABLE', async () => {
    const { channel, standIn } = await open(() => ({ message: new Uint8Array(0) }));
    await channel.unary('Ping', new Uint8Array(0));
    await standIn.close();
    await sleep(20);
    const err = await rejection(channel.unary('Ping', new Uint8Array(0)));
    expect(err.code).toBe(GrpcCode.UNAVAILABLE);
  });

  it('closes cleanly: the server sees the session end, and close() can be repeated', async () => {
    const { channel, standIn } = await open(() => ({ message: new Uint8Array(0) }));
    await channel.unary('Return', new Uint8Array(0));
    const session = standIn.sessions[0];
    const ended = new Promise<void>((resolve) => session?.once('close', () => resolve()));
    await channel.close();
    await ended;
    await channel.close();
    const err = await rejection(channel.unary('Ping', new Uint8Array(0)));
    expect(err.message).toMatch(/connection to the BuildKit daemon is closed/);
  });
});
