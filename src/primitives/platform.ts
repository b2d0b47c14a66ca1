// A platform, as BuildKit's protocol and the OCI specs mean it: `wasi/wasm` for the images this project
// makes. One shape in memory (the proto's field names); the OCI JSON form differs only in two keys.

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
  osFeatures?: readonly string[];
}

/** The JSON form in OCI descriptors and image indexes (`os.version`, `os.features`). */
export interface OciPlatform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

/** The platform Docker, containerd and runwasi match Wasm images by (`--platform wasi/wasm`). */
export const WASI_WASM: Platform = { os: 'wasi', architecture: 'wasm' };

/** `os/architecture[/variant]`, as `--platform` takes it. */
export function formatPlatform(p: Pick<Platform, 'os' | 'architecture' | 'variant'>): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}
