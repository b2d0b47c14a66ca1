// Public API of the gateway client: what frontend/main.ts and the LLB layer import.
export { CapabilityError, Caps, GatewayCap } from './caps.js';
export { LLBBridgeClient, type SolveOptions } from './client.js';
export {
  ownPlatform,
  parseWorkers,
  readEnvironment,
  type FrontendEnvironment,
  type WorkerInfo,
} from './environment.js';
export {
  FrontendError,
  SOURCE_DETAIL_TYPE_URL,
  SUBREQUEST_DETAIL_TYPE_URL,
  invalidArgument,
  sourceDetail,
  sourceError,
  statusFromError,
  unsupportedSubrequestError,
  withSourceLocation,
} from './frontend-error.js';
export {
  Gateway,
  runFrontend,
  type ConnectOptions,
  type FrontendResult,
  type ImageConfigOptions,
  type Warning,
} from './gateway.js';
export { createLogger, log, type Logger } from './log.js';
export {
  DEFAULT_FILENAME,
  frontendOptsFromEnv,
  parseFrontendOptions,
  parsePlatform,
  type FrontendOptions,
} from './options.js';
export type { FileRange, FileStat } from './proto/files.js';
export type { ImageConfigResponse, ResolveMode } from './proto/image.js';
export type { Platform } from './proto/platform.js';
export type { ApiCap, PongResponse, WorkerRecord } from './proto/pong.js';
export type { DecodedResult, GatewayRef } from './proto/result.js';
export type { AnyMessage, RpcStatus } from './proto/rpc-status.js';
export type { CacheOptionsEntry } from './proto/solve.js';
export type { SourceFile, SourcePosition, SourceSpan } from './source-location.js';
export { Http2Channel, type UnaryChannel } from './transport/channel.js';
export { MAX_MESSAGE_BYTES } from './transport/framing.js';
export { GrpcCode, GrpcError, grpcCodeName } from './transport/grpc-status.js';
export { stdioDuplex } from './transport/stdio.js';
