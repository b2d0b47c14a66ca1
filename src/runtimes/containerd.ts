// containerd through its `ctr` client: an image imported from an OCI layout, one container of it run with a
// chosen shim, and what a run leaves behind removed. ctr rather than containerd's gRPC API: every containerd
// install ships it (Docker's containerd.io package too), its flags are the same from 1.6 to 2.x, and a
// gRPC client would be a large dependency for four calls.
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Descriptor } from '../oci/index.js';
import { findOnPath, runProcess, type ProcessResult } from '../process.js';
import type { Preopen } from './runtime.js';

/** ctr's own default, and what Docker's containerd listens on. */
export const DEFAULT_CONTAINERD_ADDRESS = '/run/containerd/containerd.sock';
/** Our containers and images live apart from Docker's (`moby`) and Kubernetes' (`k8s.io`). */
export const CONTAINERD_NAMESPACE = 'wasm-build';
/** An image is a few MB; importing or removing it takes well under a second. */
const CTR_TIMEOUT_MS = 120_000;

export interface ContainerdClient {
  /** The ctr program. */
  ctr: string;
  /** containerd's socket. */
  address: string;
  env: NodeJS.ProcessEnv;
}

/** containerd as the environment names it: CONTAINERD_ADDRESS (ctr's own variable), ctr on PATH. */
export function containerdFromEnv(env: NodeJS.ProcessEnv): ContainerdClient {
  const ctr = findOnPath('ctr', env.PATH ?? '');
  if (!ctr) {
    throw new Error(
      "ctr, containerd's client, is not on PATH: install containerd (Docker's containerd.io package has both)",
    );
  }
  return { ctr, address: env.CONTAINERD_ADDRESS || DEFAULT_CONTAINERD_ADDRESS, env };
}

/** One container: the image, the shim that runs it, and the process's arguments, environment and mounts. */
export interface ContainerRun {
  image: string;
  id: string;
  /** A runtime name containerd resolves on its PATH (io.containerd.wasmtime.v1) or a shim's absolute path. */
  runtime: string;
  /** The process's argv, the program first. */
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  mounts: readonly Preopen[];
  cwd?: string;
}

export function ctrGlobalArgs(client: ContainerdClient): string[] {
  return ['--address', client.address, '--namespace', CONTAINERD_NAMESPACE];
}

/** `ctr run` with stdin passed through (no terminal), removed when it ends. */
export function ctrRunArgs(run: ContainerRun): string[] {
  const args = ['run', '--rm', '--runtime', run.runtime];
  for (const [k, v] of Object.entries(run.env)) args.push('--env', `${k}=${v}`);
  for (const m of run.mounts) args.push('--mount', `type=bind,src=${m.host},dst=${m.guest},options=rbind:rw`);
  if (run.cwd !== undefined) args.push('--cwd', run.cwd);
  args.push(run.image, run.id, ...run.argv);
  return args;
}

/**
 * The index.json of the archive `ctr images import` reads: the one manifest, named by containerd's own
 * annotation. The layout's index would do only where its ref.name annotation is a plain tag, and ctr 1.6 and
 * 2.x name such refs differently.
 */
export function importIndex(
  name: string,
  manifest: Pick<Descriptor, 'mediaType' | 'digest' | 'size'>,
): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.size,
        annotations: { 'io.containerd.image.name': name },
      },
    ],
  });
}

/**
 * containerd 2.2+ on a cgroup v1 host prints a deprecation warning from ctr itself on stderr, in the middle
 * of the container's: it is not the guest's output.
 */
export function withoutCtrWarnings(stderr: string): string {
  return stderr.replace(/^time="[^"]*" level=warning msg="DEPRECATION: [^\n]*\n?/gm, '');
}

function failure(what: string, res: ProcessResult): Error {
  return new Error(
    `${what} failed (exit code ${res.code}): ${withoutCtrWarnings(res.stderr).trim().slice(0, 2000)}`,
  );
}

/** Checks the socket before anything else, so a missing daemon or a root-owned socket says what to do. */
export async function checkContainerd(client: ContainerdClient): Promise<void> {
  try {
    await access(client.address, constants.R_OK | constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        `no containerd socket at ${client.address}: start containerd, or set CONTAINERD_ADDRESS to its socket`,
      );
    }
    throw new Error(
      `containerd's socket ${client.address} is not writable by this user (uid ${process.getuid?.()}): ` +
        'give it access first, e.g. `sudo chown "$USER" ' +
        client.address +
        '` in a step before this one (GitHub runners: docs/runwasi.md)',
    );
  }
}

/** Imports one image from an OCI layout directory under `name`, unpacked for wasi/wasm. */
export async function importImage(
  client: ContainerdClient,
  layout: string,
  manifest: Descriptor,
  name: string,
): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wasm-build-import-'));
  try {
    await writeFile(path.join(dir, 'index.json'), importIndex(name, manifest));
    const archive = path.join(dir, 'image.tar');
    // The layout's blobs (manifest, config, layers), with our index and the layout's marker.
    const tar = await runProcess('tar', [
      '-cf',
      archive,
      '-C',
      dir,
      'index.json',
      '-C',
      layout,
      'oci-layout',
      'blobs',
    ]);
    if (tar.code !== 0) throw failure(`tar of the image layout ${layout}`, tar);
    const args = [...ctrGlobalArgs(client), 'images', 'import', '--platform', 'wasi/wasm', archive];
    const res = await runProcess(client.ctr, args, { env: client.env, timeoutMs: CTR_TIMEOUT_MS });
    if (res.code !== 0) throw failure(`${client.ctr} ${args.join(' ')}`, res);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function removeImage(client: ContainerdClient, name: string): Promise<void> {
  const args = [...ctrGlobalArgs(client), 'images', 'rm', name];
  const res = await runProcess(client.ctr, args, { env: client.env, timeoutMs: CTR_TIMEOUT_MS });
  if (res.code !== 0) throw failure(`${client.ctr} ${args.join(' ')}`, res);
}

/**
 * Runs one container to its end. A run past `timeoutMs` ends ctr, which leaves the task running: it is
 * killed and the container removed here.
 */
export async function runContainer(
  client: ContainerdClient,
  run: ContainerRun,
  io: { stdin?: string | Uint8Array; timeoutMs?: number },
): Promise<ProcessResult> {
  const res = await runProcess(client.ctr, [...ctrGlobalArgs(client), ...ctrRunArgs(run)], {
    env: client.env,
    input: io.stdin,
    timeoutMs: io.timeoutMs,
  });
  if (res.timedOut) {
    const ctr = (args: string[]) =>
      runProcess(client.ctr, [...ctrGlobalArgs(client), ...args], {
        env: client.env,
        timeoutMs: CTR_TIMEOUT_MS,
      });
    await ctr(['tasks', 'rm', '--force', run.id]);
    await ctr(['containers', 'rm', run.id]);
  }
  return { ...res, stderr: withoutCtrWarnings(res.stderr) };
}
