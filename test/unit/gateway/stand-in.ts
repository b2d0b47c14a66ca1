// A stand-in for the daemon's LLBBridge server, on node:http2's server, for transport and facade
// tests. It parses request frames itself (not with the code under test) and records every call.
import http2, { type IncomingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export interface RecordedCall {
  method: string;
  headers: IncomingHttpHeaders;
  /** The request body as sent, frame headers included. */
  body: Buffer;
  /** The request messages, unframed. */
  messages: Buffer[];
}

/** What the stand-in answers. `raw` writes the response itself (for split frames, odd responses). */
export type Reply =
  | { message: Uint8Array }
  | { status: number; grpcMessage?: string; details?: Uint8Array; trailersOnly?: boolean }
  | { raw: (stream: ServerHttp2Stream) => void | Promise<void> };

export type Handler = (call: RecordedCall) => Reply | Promise<Reply>;

export function frame(message: Uint8Array, flag = 0): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(flag, 0);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

function unframe(body: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  let offset = 0;
  while (offset + 5 <= body.length) {
    const length = body.readUInt32BE(offset + 1);
    messages.push(body.subarray(offset + 5, offset + 5 + length));
    offset += 5 + length;
  }
  return messages;
}

/** Unpadded base64, as grpc-go sends -bin headers. */
export function binHeader(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

export const grpcHeaders = { ':status': 200, 'content-type': 'application/grpc' };

export function respondOk(stream: ServerHttp2Stream, body: Uint8Array): void {
  stream.respond(grpcHeaders, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  stream.end(body);
}

async function reply(stream: ServerHttp2Stream, r: Reply): Promise<void> {
  if ('raw' in r) return r.raw(stream);
  if ('message' in r) return respondOk(stream, frame(r.message));
  const status: Record<string, string> = { 'grpc-status': String(r.status) };
  if (r.grpcMessage !== undefined) status['grpc-message'] = r.grpcMessage;
  if (r.details) status['grpc-status-details-bin'] = binHeader(r.details);
  if (r.trailersOnly) {
    stream.respond({ ...grpcHeaders, ...status }, { endStream: true });
    return;
  }
  stream.respond(grpcHeaders, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers(status));
  stream.end();
}

export interface StandIn {
  calls: RecordedCall[];
  /** Sessions (connections) the stand-in has seen. */
  sessions: ServerHttp2Session[];
  /** A fresh TCP connection to the stand-in, to hand to the client. */
  connect(): net.Socket;
  /** Serves a connection that is not a socket (e.g. a child process's stdio). */
  attach(duplex: Duplex): void;
  close(): Promise<void>;
}

export async function startStandIn(handler: Handler): Promise<StandIn> {
  const calls: RecordedCall[] = [];
  const sessions: ServerHttp2Session[] = [];
  const attached: Duplex[] = [];
  const server = http2.createServer();
  server.on('session', (session) => sessions.push(session));
  server.on('stream', (stream, headers) => {
    stream.on('error', () => {}); // clients may cancel; that is part of what is tested
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = String(headers[':path']);
      const call = { method: path.slice(path.lastIndexOf('/') + 1), headers, body, messages: unframe(body) };
      calls.push(call);
      void Promise.resolve(handler(call)).then((r) => reply(stream, r));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    calls,
    sessions,
    connect: () => net.connect(port, '127.0.0.1'),
    attach: (duplex) => {
      attached.push(duplex);
      server.emit('connection', duplex);
    },
    close: () =>
      new Promise<void>((resolve) => {
        // A session over a stream whose other end is gone (a child process that exited) must not be
        // destroyed: that writes a GOAWAY into the closed stream, which trips an assertion inside Node's
        // JSStreamSocket. Ending the stream first lets such sessions close by themselves.
        for (const duplex of attached) duplex.destroy();
        for (const session of sessions) if (!session.destroyed && session.socket) session.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A PongResponse with the given frontend caps enabled (and `disabled` listed but disabled). */
export function pongBytes(
  enabled: readonly string[],
  opts: {
    disabled?: Record<string, string>;
    llbCaps?: readonly string[];
    workerPlatform?: [string, string];
  } = {},
): Uint8Array {
  const w = new BinaryWriter();
  const cap = (field: number, id: string, on: boolean, reasonMsg = '') => {
    w.tag(field, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).string(id);
    if (on) w.tag(2, WireType.Varint).bool(true);
    if (reasonMsg) w.tag(5, WireType.LengthDelimited).string(reasonMsg);
    w.join();
  };
  for (const id of enabled) cap(1, id, true);
  for (const [id, msg] of Object.entries(opts.disabled ?? {})) cap(1, id, false, msg);
  for (const id of opts.llbCaps ?? []) cap(2, id, true);
  if (opts.workerPlatform) {
    const [os, arch] = opts.workerPlatform;
    w.tag(3, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).string('worker-1');
    w.tag(3, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).string(arch);
    w.tag(2, WireType.LengthDelimited).string(os);
    w.join();
    w.join();
  }
  return w.finish();
}

/** Every cap the client gates on, as a current daemon reports them. */
export const ALL_CAPS = [
  'solve.base',
  'importcaches',
  'gateway.solve.evaluate',
  'proto.refarray',
  'return',
  'returnmap',
  'readfile',
  'readdir',
  'statfile',
  'resolveimage',
  'resolveimage.resolvemode',
  'frontend.inputs',
  'gateway.warnings',
];
