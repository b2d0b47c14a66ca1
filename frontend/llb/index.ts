// Public surface of the LLB library: build States fluently, then marshal one into a pb.Definition.
export { Cap } from './caps.js';
export { marshal, type Marshaled, type MarshalOptions } from './definition.js';
export { digestOf } from './digest.js';
export { marshalDefinition, marshalOp } from './encode.js';
export type { CacheSharing, MountSpec, NetworkMode, RunOptions, SecretEnvSpec } from './exec.js';
export {
  copy,
  FileActions,
  mkdir,
  mkfile,
  rm,
  type CopyOptions,
  type FileActionOptions,
  type MkdirOptions,
  type Owner,
  type RmOptions,
} from './file.js';
export { merge } from './merge.js';
export type * as pb from './pb.js';
export { qualifiedReference } from '../../src/primitives/reference.js';
export {
  git,
  http,
  image,
  local,
  scratch,
  type HttpOptions,
  type ImageOptions,
  type LocalOptions,
} from './source.js';
export { decodeDefinition, fromDefinition, type DecodedDefinition, type DecodedOp } from './splice.js';
export { ExecState, State, type ImageConfig } from './state.js';
export type { OpOptions } from './vertex.js';
