// gRPC unary calls over one HTTP/2 connection on any Duplex (stdio in production, sockets in tests).
import http2, { type IncomingHttpHeaders } from 'node:http2';
import type { Duplex } from 'node:stream';
import { FrameDecoder, encodeFrame } from './framing.js';
import { GrpcCode, GrpcError, codeForHttpStatus, localError, statusFromMetadata } from './grpc-status.js';

const SERVICE_PATH = '/moby.buildkit.v1.frontend.LLBBridge/';

/** What the RPC client needs from a transport; tests of the client substitute a fake. */
export interface UnaryChannel {
  /** Sends one request message to an LLBBridge method; resolves with the one response message. */
  unary(method: string, request: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

interface CallState {
  method: string;
  headers?: IncomingHttpHeaders;
  trailers?: IncomingHttpHeaders;
  messages: Uint8Array[];
  decoder: FrameDecoder;
  /** Our own verdict (size limit, bad frame): wins over whatever the stream says afterwards. */
  failure?: GrpcError;
  streamError?: Error;
  rstCode?: number;
}

function finishCall(call: CallState): Uint8Array {
  const { method } = call;
  if (call.failure) throw call.failure;
  const status =
    (call.trailers && statusFromMetadata(call.trailers)) ??
    (call.headers && statusFromMetadata(call.headers));
  if (!status) {
    const reset = call.rstCode ? ` (RST_STREAM code ${call.rstCode})` : '';
    const cause = call.streamError ? `: ${call.streamError.message}` : '';
    if (!call.headers) {
      throw localError(method, GrpcCode.UNAVAILABLE, `no response from the BuildKit daemon${reset}${cause}`);
    }
    const httpStatus = Number(call.headers[':status']);
    if (httpStatus !== 200) {
      throw localError(
        method,
        codeForHttpStatus(httpStatus),
        `the daemon answered HTTP ${httpStatus}${cause}`,
      );
    }
    throw localError(method, GrpcCode.INTERNAL, `the response ended without grpc-status${reset}${cause}`);
  }
  if (status.code !== GrpcCode.OK) throw new GrpcError(method, status);
  if (!call.decoder.idle) throw localError(method, GrpcCode.INTERNAL, 'the response ended inside a message');
  const [message, ...extra] = call.messages;
  if (!message) throw localError(method, GrpcCode.INTERNAL, 'the response has no message');
  if (extra.length > 0) {
    throw localError(method, GrpcCode.INTERNAL, `${call.messages.length} response messages to a unary call`);
  }
  return message;
}

export class Http2Channel implements UnaryChannel {
  readonly #session: http2.ClientHttp2Session;
  #sessionError: Error | undefined;

  /**
   * Opens the one connection of the process. The daemon cancels the build when it ends, so there is
   * never a reconnect: a failure here is final.
   */
  constructor(duplex: Duplex) {
    // Cleartext HTTP/2 with prior knowledge, as the daemon's http2.Server.ServeConn expects.
    this.#session = http2.connect('http://localhost', { createConnection: () => duplex });
    // Without a listener an 'error' event would crash the process; the calls report it instead.
    this.#session.on('error', (err) => {
      this.#sessionError ??= err;
    });
  }

  unary(method: string, request: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const frame = encodeFrame(method, request);
      const session = this.#session;
      if (session.closed || session.destroyed) {
        const cause = this.#sessionError ? `: ${this.#sessionError.message}` : '';
        throw localError(
          method,
          GrpcCode.UNAVAILABLE,
          `the connection to the BuildKit daemon is closed${cause}`,
        );
      }
      let stream: http2.ClientHttp2Stream;
      try {
        stream = session.request({
          ':method': 'POST',
          ':path': SERVICE_PATH + method,
          'content-type': 'application/grpc',
          te: 'trailers',
        });
      } catch (err) {
        // e.g. after the daemon sent GOAWAY.
        throw localError(method, GrpcCode.UNAVAILABLE, `cannot start a call: ${(err as Error).message}`);
      }
      const call: CallState = { method, messages: [], decoder: new FrameDecoder(method) };
      stream.on('response', (headers) => (call.headers = headers));
      stream.on('trailers', (trailers) => (call.trailers = trailers));
      stream.on('data', (chunk: Buffer) => {
        if (call.failure) return;
        try {
          call.messages.push(...call.decoder.push(chunk));
        } catch (err) {
          call.failure = err as GrpcError;
          stream.close(http2.constants.NGHTTP2_CANCEL);
        }
      });
      stream.on('error', (err) => (call.streamError ??= err));
      stream.on('close', () => {
        call.rstCode = stream.rstCode;
        try {
          resolve(finishCall(call));
        } catch (err) {
          reject(err as Error);
        }
      });
      stream.end(frame);
    });
  }

  /** Sends GOAWAY, lets calls in flight finish, then ends the connection. */
  close(): Promise<void> {
    const session = this.#session;
    if (session.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      session.once('close', () => resolve());
      if (!session.closed) session.close();
    });
  }
}
