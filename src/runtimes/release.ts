// Where a runtime's release archive lives and what is in it, so the installer can fetch any of them the
// same way. Paths are relative to an origin (https://github.com, https://nodejs.org) that a mirror may
// replace, keeping the path.

export interface HostPlatform {
  os: 'linux' | 'darwin';
  arch: 'x64' | 'arm64';
}

export interface ReleaseArchive {
  /** The origin the path is under by default. */
  origin: string;
  /** Path of the archive under the origin, starting with `/`. */
  path: string;
  format: 'tar.gz' | 'tar.xz';
  /** Path of a checksums file (`<sha256>  <file name>` lines) under the origin, where the project publishes one. */
  checksumsPath?: string;
  /** Directory inside the unpacked archive that is kept (the tool-cache entry), `.` for its root. */
  root: string;
  /** The program, relative to `root`. */
  binary: string;
}

export interface ReleaseSource {
  /** The version installed when the user pins none and the program is not on PATH; none: a pin is required. */
  defaultVersion?: string;
  archive(version: string, platform: HostPlatform): ReleaseArchive;
}

export function hostPlatform(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): HostPlatform {
  if ((platform === 'linux' || platform === 'darwin') && (arch === 'x64' || arch === 'arm64')) {
    return { os: platform, arch };
  }
  throw new Error(`runtimes are installed on linux and macOS (x64, arm64), not on ${platform}/${arch}`);
}

export const GITHUB = 'https://github.com';
