// Errors meant for the user, sent with Return as a google.rpc.Status. Details are JSON, as BuildKit's
// grpcerrors marshals its typed errors (errdefs.Source, errdefs.Subrequest) with encoding/json.
import type { AnyMessage, RpcStatus } from './proto/rpc-status.js';
import { toSourceInfo, toSourceRanges, type SourceFile, type SourceSpan } from './source-location.js';
import { GrpcCode, GrpcError } from './transport/grpc-status.js';

export const SOURCE_DETAIL_TYPE_URL = 'github.com/moby/buildkit/errdefs.Source+json';
export const SUBREQUEST_DETAIL_TYPE_URL = 'github.com/moby/buildkit/errdefs.Subrequest+json';

/** An error whose status is exactly what the user should see. */
export class FrontendError extends Error {
  override readonly name = 'FrontendError';
  readonly status: RpcStatus;

  constructor(status: RpcStatus) {
    super(status.message);
    this.status = status;
  }
}

function jsonDetail(typeUrl: string, value: unknown): AnyMessage {
  return { typeUrl, value: new TextEncoder().encode(JSON.stringify(value)) };
}

/** errdefs.Source: buildx prints the file around the ranges with `>>>` markers. */
export function sourceDetail(file: SourceFile, spans: readonly SourceSpan[]): AnyMessage {
  const info = toSourceInfo(file);
  return jsonDetail(SOURCE_DETAIL_TYPE_URL, {
    // Field names are the json tags of Go's pb.SourceInfo / pb.Range / pb.Position; []byte is base64.
    info: {
      filename: info.filename,
      data: Buffer.from(info.data).toString('base64'),
      language: info.language,
    },
    ranges: toSourceRanges(spans),
  });
}

/** A mistake in the definition file, shown with the offending lines. */
export function sourceError(
  message: string,
  file: SourceFile,
  spans: readonly SourceSpan[],
  code: number = GrpcCode.INVALID_ARGUMENT,
): FrontendError {
  return new FrontendError({ code, message, details: [sourceDetail(file, spans)] });
}

/** A bad frontend option or build input with no place in a file to point at. */
export function invalidArgument(message: string): FrontendError {
  return new FrontendError({ code: GrpcCode.INVALID_ARGUMENT, message, details: [] });
}

/**
 * The answer to a `requestid` this frontend does not implement. buildx recognises the detail and
 * falls back, so the message matches BuildKit's own.
 */
export function unsupportedSubrequestError(name: string): FrontendError {
  return new FrontendError({
    code: GrpcCode.UNKNOWN,
    message: `unsupported request ${name}`,
    details: [jsonDetail(SUBREQUEST_DETAIL_TYPE_URL, { name })],
  });
}

/**
 * A daemon error (e.g. a failed build step) marked at a place in the definition file, unless the
 * daemon located it already. Without a location of ours, BuildKit's Dockerfile frontend, which
 * forwarded to us for `# syntax=`, marks the syntax line instead.
 */
export function withSourceLocation(err: unknown, file: SourceFile, spans: readonly SourceSpan[]): unknown {
  if (!(err instanceof GrpcError) || err.status.code === GrpcCode.OK) return err;
  if (err.status.details.some((d) => d.typeUrl.includes('errdefs.Source'))) return err;
  return new FrontendError({ ...err.status, details: [...err.status.details, sourceDetail(file, spans)] });
}

/**
 * The status to Return for any thrown value. Daemon errors go back as they came, details included, so
 * the user sees the failing vertex and its logs as with any BuildKit frontend.
 */
export function statusFromError(err: unknown): RpcStatus {
  if (err instanceof FrontendError) return err.status;
  if (err instanceof GrpcError && err.status.code !== GrpcCode.OK) return err.status;
  const message = err instanceof Error ? err.message : String(err);
  return { code: GrpcCode.UNKNOWN, message: message || 'frontend failed', details: [] };
}
