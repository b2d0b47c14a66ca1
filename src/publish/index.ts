// Public API of multi-runtime publishing.
export { publish, type PublishOptions } from './publisher.js';
export type { BlobReport, PublishEvent, PublishResult, PublishedTag } from './results.js';
export { PublishError } from './errors.js';
export { Annotations, annotationPrefix } from './annotations.js';
export {
  artifactCreated,
  buildWasmArtifact,
  type ArtifactInput,
  type WasmArtifact,
  type WasmArtifactConfig,
} from './artifact.js';
export {
  attestationReferrer,
  containerImageManifest,
  runtimeImageManifest,
  type VerifiedRuntime,
} from './image.js';
export {
  planTags,
  runtimeTagSuffix,
  TagPlanError,
  type PlannedTag,
  type TagKind,
  type TagPlanOptions,
} from './tags.js';
export { inspectWasm, wasmKind, WasmFormatError, type WasmInfo, type WasmKind } from './wasm-binary.js';
