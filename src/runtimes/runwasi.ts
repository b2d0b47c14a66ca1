// `containerd-wasmtime`: each case as users deploy the image, a container run by containerd with runwasi's
// wasmtime shim (containerd-shim-wasmtime-v1). The image just built is imported from its OCI layout, so
// nothing is pushed before the cases pass; the shim reads the module from the image's rootfs as it would
// from a pulled image.
import { randomBytes } from 'node:crypto';
import { runProcess } from '../process.js';
import { guestResult } from './cli-runtime.js';
import {
  checkContainerd,
  containerdFromEnv,
  importImage,
  removeImage,
  runContainer,
  type ContainerdClient,
} from './containerd.js';
import { GITHUB, type ReleaseSource } from './release.js';
import { guestEnv, type LoadedModule, type LoadRequest, type Runtime } from './runtime.js';

export const SHIM_PROGRAM = 'containerd-shim-wasmtime-v1';

/** The version from what a runwasi shim prints for `-v` ("  Version: 0.6.0"). */
export function parseShimVersion(output: string): string {
  const m = /^\s*Version:\s*(\S+)/m.exec(output);
  if (!m) throw new Error(`no "Version:" line in ${JSON.stringify(output.trim().slice(0, 200))}`);
  return m[1]!.replace(/^v/, '');
}

/**
 * runwasi's release archives (`containerd-shim-wasmtime/v<V>` tags) hold the shim at their root with its
 * Sigstore signature; they publish no checksums file. Linux only: the shim is a containerd shim.
 */
export const runwasiWasmtimeRelease: ReleaseSource = {
  defaultVersion: '0.6.0',
  archive(version, p) {
    if (p.os !== 'linux') throw new Error(`runwasi publishes its shims for Linux only, not ${p.os}`);
    const name = `containerd-shim-wasmtime-${p.arch === 'x64' ? 'x86_64' : 'aarch64'}-linux-musl`;
    return {
      origin: GITHUB,
      path: `/containerd/runwasi/releases/download/containerd-shim-wasmtime%2Fv${version}/${name}.tar.gz`,
      format: 'tar.gz',
      root: '.',
      binary: SHIM_PROGRAM,
    };
  },
};

/** One image in containerd, shared by the modules loaded from it and removed when the last one closes. */
interface ImportedImage {
  name: Promise<string>;
  users: number;
}

/**
 * The adapter over the shim at `shim` (an absolute path, given to containerd as the runtime, so the shim
 * need not be on the daemon's PATH) and the containerd the environment names (containerd.ts).
 */
export function containerdWasmtime(shim: string, env: NodeJS.ProcessEnv = process.env): Runtime {
  let version: Promise<string> | undefined;
  let client: ContainerdClient | undefined;
  const images = new Map<string, ImportedImage>();
  // Unique per run, so two runs on one containerd never remove each other's images or containers.
  const runId = `${process.pid}-${randomBytes(3).toString('hex')}`;
  let containers = 0;

  const runsFiles = (): never => {
    throw new Error(
      'containerd-wasmtime runs a module from its image inside containerd: `wasm-build test` and `push` run ' +
        'its cases; to run a module file by hand, use wasmtime',
    );
  };

  async function acquire(req: LoadRequest): Promise<string> {
    if (!req.image) throw new Error(`containerd-wasmtime needs the image ${req.module} came from`);
    const { layout, manifest } = req.image;
    let entry = images.get(manifest.digest);
    if (!entry) {
      const name = `wasm-build.local/verify-${runId}:${manifest.digest.replace(/^sha256:/, '')}`;
      const imported = (async () => {
        client ??= containerdFromEnv(env);
        await checkContainerd(client);
        await importImage(client, layout, manifest, name);
        return name;
      })();
      entry = { name: imported, users: 0 };
      images.set(manifest.digest, entry);
      // A failed import is not kept: each load reports it, and a later one may try again.
      imported.catch(() => images.delete(manifest.digest));
    }
    entry.users++;
    try {
      return await entry.name;
    } catch (e) {
      entry.users--;
      throw e;
    }
  }

  async function release(digest: string): Promise<void> {
    const entry = images.get(digest);
    if (!entry || --entry.users > 0) return;
    images.delete(digest);
    await removeImage(client!, await entry.name);
  }

  const runtime: Runtime = {
    name: 'containerd-wasmtime',
    components: true,
    // containerd-shimkit opens the stdin FIFO read-write and has no CloseIO: the guest never reads EOF.
    stdinUnavailable:
      "runwasi's shims never close the guest's stdin (the guest would wait for its end until the timeout)",
    version() {
      if (!version) {
        version = (async () => {
          const res = await runProcess(shim, ['-v'], { env, timeoutMs: 30_000 });
          if (res.code !== 0) throw new Error(`${shim} -v failed: ${(res.stderr || res.stdout).trim()}`);
          return parseShimVersion(res.stdout);
        })();
        version.catch(() => (version = undefined));
      }
      return version;
    },
    command: runsFiles,
    run: runsFiles,
    async load(req) {
      const image = await acquire(req);
      const inImage = req.image!.path;
      const digest = req.image!.manifest.digest;
      return {
        async run(c) {
          const res = await runContainer(
            client!,
            {
              image,
              id: `wasm-build-${runId}-${containers++}`,
              runtime: shim,
              argv: [inImage, ...c.args],
              env: guestEnv({ ...c, module: req.module }),
              mounts: c.dirs,
              cwd: c.cwd,
            },
            c,
          );
          return guestResult(res);
        },
        close: () => release(digest),
      } satisfies LoadedModule;
    },
  };
  return runtime;
}
