// Public API of the OCI distribution client and the OCI layout reader.
export {
  RegistryClient,
  RegistrySession,
  type RegistryClientOptions,
  type RetryEvent,
  type SendRequest,
} from './client.js';
export { Repository } from './repository.js';
export { copyBlobs, MemoryStore, type CopyOptions, type Fetcher, type Pusher } from './content.js';
export {
  bytesBlob,
  fileBlob,
  type BlobOutcome,
  type BlobSource,
  type PushBlobOptions,
  type PushBlobResult,
} from './blobs.js';
export {
  maxManifestBytes,
  referrersTag,
  type FetchedManifest,
  type PushManifestResult,
} from './manifests.js';
export {
  dockerHub,
  formatReference,
  hostName,
  isLoopback,
  isValidTag,
  parseReference,
  registryApiHost,
  type Reference,
} from './reference.js';
export { parseChallenges, preferredChallenge, type Challenge } from './challenge.js';
export { Authorizer, parseErrors } from './auth.js';
export { mergeScopes, repositoryScope, scopesCover, type Action } from './scope.js';
export {
  ChainedCredentials,
  DockerConfigCredentials,
  StaticCredentials,
  defaultCredentials,
  defaultDockerConfigPath,
  explicitCredentials,
  githubCredentials,
  helperServerUrl,
  normalizeConfigKey,
  runCredentialHelper,
  type Credential,
  type CredentialStore,
  type DockerConfigOptions,
  type ExplicitCredentials,
} from './credentials.js';
export {
  backoffDelay,
  defaultRetryPolicy,
  isRetryableErrno,
  isRetryableStatus,
  nextDelay,
  parseRetryAfter,
  type RetryPolicy,
} from './retry.js';
export {
  AuthenticationError,
  AuthorizationError,
  CredentialHelperError,
  DigestMismatchError,
  InvalidDigestError,
  InvalidReferenceError,
  LayoutError,
  NetworkError,
  NotFoundError,
  OciError,
  RegistryError,
  type RegistryErrorEntry,
} from './errors.js';
export { DigestingStream, isDigest, sha256 } from './digest.js';
export * from './media-types.js';
export {
  attestationAnnotations,
  extractModule,
  findWasmImage,
  openLayout,
  type AttestationManifest,
  type ExtractedModule,
  type FindImageOptions,
  type OciLayout,
  type WasmImage,
} from './layout.js';
export {
  NodeHttpTransport,
  type HttpRequest,
  type HttpResponse,
  type Transport,
  type TransportOptions,
} from './transport.js';
