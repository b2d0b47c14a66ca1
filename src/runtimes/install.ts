// Puts a runtime's program on this machine: from the runner's tool cache, from PATH, or from the
// project's release archive (checked against its published checksums where there are any), then cached
// with @actions/tool-cache so the next job on the runner (or the next run on a laptop) skips the download.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tc from '@actions/tool-cache';
import { findOnPath, runProcess } from '../process.js';
import { hostPlatform, GITHUB, type HostPlatform, type ReleaseSource } from './release.js';

export interface InstallOptions {
  /** Replaces a release's origin (https://github.com, https://nodejs.org), keeping the path: a mirror. */
  mirror?: string;
  /** Replaces https://registry.npmjs.org for the npm packages a runtime needs (node's jco, for components). */
  npmRegistry?: string;
  /** Sent to github.com only (never to a mirror): raises GitHub's download rate limits. */
  githubToken?: string;
  platform?: HostPlatform;
  /** Where to look for a program already installed; default process.env.PATH. */
  searchPath?: string;
  log?: (message: string) => void;
}

export interface InstalledProgram {
  bin: string;
  /** The version asked for or installed; `undefined` when an unpinned program was taken from PATH. */
  version?: string;
  source: 'path' | 'tool-cache' | 'download';
}

export class InstallError extends Error {
  override readonly name = 'InstallError';
}

/**
 * `pinned` undefined: the program on PATH, else the release's default version. A pinned version: the tool
 * cache's copy, else a download (the caller may first try PATH's program, whose version it can check).
 */
export async function installProgram(
  name: string,
  release: ReleaseSource,
  pinned: string | undefined,
  opts: InstallOptions = {},
): Promise<InstalledProgram> {
  const log = opts.log ?? (() => {});
  const platform = opts.platform ?? hostPlatform();
  const onPath = findOnPath(name, opts.searchPath ?? process.env.PATH ?? '');
  if (!pinned && onPath) return { bin: onPath, source: 'path' };
  const version = pinned ?? release.defaultVersion;
  if (!version) {
    throw new InstallError(
      `${name} is not on PATH and has no default version here: pin one, e.g. \`${name}@<version>\``,
    );
  }
  const archive = release.archive(version, platform);
  const cached = tc.find(name, version, platform.arch);
  if (cached) {
    log(`${name} ${version}: from the tool cache (${cached})`);
    return { bin: path.join(cached, archive.binary), version, source: 'tool-cache' };
  }
  const base = (opts.mirror ?? archive.origin).replace(/\/+$/, '');
  const url = base + archive.path;
  // A token goes to GitHub itself only: a mirror must never see it.
  const auth = base === GITHUB && opts.githubToken ? `token ${opts.githubToken}` : undefined;
  log(`${name} ${version}: downloading ${url}`);
  const file = await download(url, auth);
  const dir = await mkdtemp(path.join(tempDir(), 'release-'));
  try {
    if (archive.checksumsPath) {
      const sums = readFileSync(await download(base + archive.checksumsPath, auth), 'utf8');
      const asset = archive.path.slice(archive.path.lastIndexOf('/') + 1);
      const want = expectedChecksum(sums, asset);
      if (!want) throw new InstallError(`${base + archive.checksumsPath} lists no checksum for ${asset}`);
      const got = await sha256File(file);
      if (got !== want) {
        throw new InstallError(
          `checksum mismatch for ${url}: the release's checksums say sha256:${want}, the download is ` +
            `sha256:${got}. Nothing was installed; check the mirror, or the pinned version.`,
        );
      }
      log(`${name} ${version}: sha256 matches ${asset} in the release's checksums`);
    } else {
      log(`${name} ${version}: the project publishes no checksums; checked by running it instead`);
    }
    await extractTarball(file, dir, archive.format);
    const root = path.join(dir, archive.root);
    if (!existsSync(path.join(root, archive.binary))) {
      throw new InstallError(`${url} has no ${path.posix.join(archive.root, archive.binary)}`);
    }
    const saved = await tc.cacheDir(root, name, version, platform.arch);
    return { bin: path.join(saved, archive.binary), version, source: 'download' };
  } finally {
    await rm(file, { force: true });
    await rm(dir, { recursive: true, force: true });
  }
}

/** Where tool-cache puts its own temporary files: RUNNER_TEMP, which the CLI names but may not create. */
export function tempDir(): string {
  const dir = process.env.RUNNER_TEMP ?? os.tmpdir();
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Unpacks a tarball into `dest`, which must exist. Not tool-cache's extractTar: it runs tar through
 * @actions/exec, which echoes `[command]/usr/bin/tar ...` to stdout, where `wasm-build run` promises the
 * module's output and nothing else.
 */
export async function extractTarball(
  file: string,
  dest: string,
  format: 'tar.gz' | 'tar.xz',
  stripComponents = 0,
): Promise<void> {
  const args = [format === 'tar.xz' ? '-xJf' : '-xzf', file, '-C', dest];
  if (stripComponents) args.push(`--strip-components=${stripComponents}`);
  const res = await runProcess('tar', args);
  if (res.code !== 0) throw new InstallError(`could not unpack ${file}: ${res.stderr.trim()}`);
}

export async function download(url: string, auth: string | undefined): Promise<string> {
  try {
    return await tc.downloadTool(url, undefined, auth);
  } catch (e) {
    throw new InstallError(`could not download ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The sha256 a `sha256sum`-style file gives for `asset` (`<hex>  <name>` or `<hex> *<name>`). */
export function expectedChecksum(sums: string, asset: string): string | undefined {
  for (const line of sums.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(.+?)\s*$/i.exec(line.trim());
    if (m && (m[2] === asset || m[2]!.endsWith(`/${asset}`))) return m[1]!.toLowerCase();
  }
  return undefined;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
