// gRPC status codes and the error a failed call rejects with, built from trailers or local failures.
import type { IncomingHttpHeaders } from 'node:http2';
import { decodeRpcStatus, type AnyMessage, type RpcStatus } from '../proto/rpc-status.js';

export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

const codeNames = new Map<number, string>(Object.entries(GrpcCode).map(([name, code]) => [code, name]));

export function grpcCodeName(code: number): string {
  return codeNames.get(code) ?? `CODE_${code}`;
}

/** A call that ended with a non-OK status, from the daemon or from this side of the connection. */
export class GrpcError extends Error {
  override readonly name = 'GrpcError';
  readonly method: string;
  readonly status: RpcStatus;

  constructor(method: string, status: RpcStatus) {
    super(`${method}: ${status.message || grpcCodeName(status.code)}`);
    this.method = method;
    this.status = status;
  }

  get code(): number {
    return this.status.code;
  }

  get details(): readonly AnyMessage[] {
    return this.status.details;
  }
}

export function localError(method: string, code: number, message: string): GrpcError {
  return new GrpcError(method, { code, message, details: [] });
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

const utf8 = new TextEncoder();

/**
 * Decodes grpc-message: %XX escapes are bytes of UTF-8 text. Per the gRPC spec, a malformed escape is
 * kept as it is. Node hands header values over as latin1, one char per byte, so raw bytes survive too.
 */
export function percentDecode(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x25 && i + 2 < value.length) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    if (c < 0x100) bytes.push(c);
    else bytes.push(...utf8.encode(value[i] ?? ''));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the status from trailers (or the headers of a trailers-only response). Returns undefined when
 * there is no grpc-status at all. Details that fail to decode are dropped: code and message still stand.
 */
export function statusFromMetadata(meta: IncomingHttpHeaders): RpcStatus | undefined {
  const rawCode = single(meta['grpc-status']);
  if (rawCode === undefined) return undefined;
  const parsed = Number.parseInt(rawCode, 10);
  const code = Number.isInteger(parsed) && parsed >= 0 ? parsed : GrpcCode.UNKNOWN;
  const rawMessage = single(meta['grpc-message']);
  const message = rawMessage === undefined ? '' : percentDecode(rawMessage);
  let details: readonly AnyMessage[] = [];
  const rawDetails = single(meta['grpc-status-details-bin']);
  if (rawDetails) {
    try {
      // Go sends unpadded base64; Buffer accepts both. Copied out of the Buffer so values are plain bytes.
      details = decodeRpcStatus(new Uint8Array(Buffer.from(rawDetails, 'base64'))).details;
    } catch {
      details = [];
    }
  }
  return { code, message, details };
}

/** The gRPC spec's mapping for responses that carry no grpc-status. */
export function codeForHttpStatus(httpStatus: number): number {
  switch (httpStatus) {
    case 400:
      return GrpcCode.INTERNAL;
    case 401:
      return GrpcCode.UNAUTHENTICATED;
    case 403:
      return GrpcCode.PERMISSION_DENIED;
    case 404:
      return GrpcCode.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return GrpcCode.UNAVAILABLE;
    default:
      return GrpcCode.UNKNOWN;
  }
}
