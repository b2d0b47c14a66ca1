// Public API of the OCI distribution client and the OCI layout reader: what code outside src/oci
// uses. It knows nothing about Wasm; src/wasm-image reads wasm images with it.
export { RegistryClient, type RegistryClientOptions } from './client.js';
export { Repository } from './repository.js';
export { copyBlobs, MemoryStore } from './content.js';
export type { BlobOutcome } from './blobs.js';
export { isValidTag, parseReference } from './reference.js';
export { defaultCredentials } from './credentials.js';
export { LayoutError, NotFoundError, OciError } from './errors.js';
export { DigestingStream, digestAlgorithm, sha256 } from './digest.js';
export {
  MediaType,
  isIndexMediaType,
  isManifestMediaType,
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type Platform,
} from './media-types.js';
export { openLayout, type OciLayout } from './layout.js';
