// gRPC message framing: a 1-byte compressed flag and a 4-byte big-endian length before each message.
import { GrpcCode, localError } from './grpc-status.js';

/** BuildKit's limit in both directions since v0.14 (defaults.DefaultMaxRecvMsgSize / SendMsgSize). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const HEADER_BYTES = 5;

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function tooLargeMessage(method: string, what: string, bytes: number): string {
  return (
    `${what} of ${method} is ${bytes} bytes (${mib(bytes)}), over the ${mib(MAX_MESSAGE_BYTES)} ` +
    'message limit of the BuildKit gateway'
  );
}

export function encodeFrame(method: string, message: Uint8Array): Uint8Array {
  if (message.length > MAX_MESSAGE_BYTES) {
    throw localError(
      method,
      GrpcCode.RESOURCE_EXHAUSTED,
      tooLargeMessage(method, 'the request', message.length),
    );
  }
  const frame = new Uint8Array(HEADER_BYTES + message.length);
  new DataView(frame.buffer).setUint32(1, message.length);
  frame.set(message, HEADER_BYTES);
  return frame;
}

/**
 * Reassembles messages from DATA chunks split anywhere. The size is checked from the header, before
 * anything is buffered, and each message is copied once into a buffer of its final size.
 */
export class FrameDecoder {
  readonly #method: string;
  readonly #header = new Uint8Array(HEADER_BYTES);
  #headerFill = 0;
  #body: Uint8Array | undefined;
  #bodyFill = 0;

  constructor(method: string) {
    this.#method = method;
  }

  /** True when no partial message is buffered. */
  get idle(): boolean {
    return this.#headerFill === 0 && this.#body === undefined;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const messages: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      let body = this.#body;
      if (!body) {
        const take = Math.min(HEADER_BYTES - this.#headerFill, chunk.length - offset);
        this.#header.set(chunk.subarray(offset, offset + take), this.#headerFill);
        this.#headerFill += take;
        offset += take;
        if (this.#headerFill < HEADER_BYTES) break;
        body = this.#startBody();
      }
      const take = Math.min(body.length - this.#bodyFill, chunk.length - offset);
      body.set(chunk.subarray(offset, offset + take), this.#bodyFill);
      this.#bodyFill += take;
      offset += take;
      if (this.#bodyFill === body.length) {
        messages.push(body);
        this.#body = undefined;
      }
    }
    return messages;
  }

  #startBody(): Uint8Array {
    const view = new DataView(this.#header.buffer);
    const flag = view.getUint8(0);
    const length = view.getUint32(1);
    if (flag !== 0) {
      // Compression is only used when the client offers grpc-accept-encoding, which we never do.
      throw localError(
        this.#method,
        GrpcCode.INTERNAL,
        `unexpected gRPC frame flag ${flag} (compression was not negotiated)`,
      );
    }
    if (length > MAX_MESSAGE_BYTES) {
      throw localError(
        this.#method,
        GrpcCode.RESOURCE_EXHAUSTED,
        tooLargeMessage(this.#method, 'the response', length),
      );
    }
    this.#headerFill = 0;
    this.#bodyFill = 0;
    this.#body = new Uint8Array(length);
    return this.#body;
  }
}
