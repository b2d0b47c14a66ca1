// Annotation keys this project writes, under its own reverse-DNS prefix (OCI image-spec
// annotations rules: keys of others' namespaces are not ours to define).

export const annotationPrefix = 'dev.wasm-build';

export const Annotations = {
  /** On `T-<runtime>` manifests: the runtime whose test-run verified this image, e.g. "wasmtime". */
  runtime: `${annotationPrefix}.runtime`,
  /** On `T-<runtime>` manifests: that runtime's version, as it reported it, e.g. "48.0.8". */
  runtimeVersion: `${annotationPrefix}.runtime.version`,
} as const;
