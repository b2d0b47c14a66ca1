// containerd of the 2.x line (config.ts `containerd2`), for the runwasi tests' `ctr` rows beside Debian's
// 1.6.20 (testbed/docker.ts): built from its Go module and started on demand, private like the Docker
// engines' containerd (its own config, root, state and socket under the testbed's cache; no CNI, no CRI
// clients). The runwasi shim is on its PATH. `npm run testbed -- down` (and the runwasi test) stop it.
import path from 'node:path';
import { cacheRoot, containerd2, stateDir, toolBin } from './config.js';
import { shimBinDir } from './runwasi.js';
import { startContainerd, stopService, waitFor, waitGone } from './services.js';
import { step, succeeds } from './sh.js';
import { isOurs, loadState, saveState } from './state.js';
import { buildGoTool } from './tools.js';

const service = 'containerd2';

export interface Containerd {
  /** The gRPC socket (`ctr --address`). */
  socket: string;
  ctr: string;
  version: string;
}

export function containerd2Paths(): { socket: string; ctr: string; containerd: string } {
  const bin = toolBin(containerd2.name, containerd2.version);
  return {
    socket: path.join(stateDir, 'containerd2.sock'),
    ctr: path.join(bin, 'ctr'),
    containerd: path.join(bin, 'containerd'),
  };
}

/** Builds (if needed) and starts containerd 2.x, or keeps the one already running. */
export async function ensureContainerd2(): Promise<Containerd> {
  await buildGoTool(containerd2);
  const { socket, ctr, containerd } = containerd2Paths();
  const result = { socket, ctr, version: containerd2.version };
  const ready = () => succeeds(ctr, ['--address', socket, 'version']);
  const state = loadState();
  if (isOurs(state.services[service]) && (await ready())) return result;
  if (isOurs(state.services[service])) stopService(state, service);
  // A config of its own (version 3 is 2.x's format): the machine's /etc/containerd/config.toml is not read,
  // and the CRI plugin, which wants CNI and a sandbox image from a public registry, is left out.
  await startContainerd(state, service, containerd, {
    dir: path.join(cacheRoot, 'containerd2'),
    socket,
    config: [
      'version = 3',
      'disabled_plugins = ["io.containerd.cri.v1.images", "io.containerd.cri.v1.runtime", "io.containerd.grpc.v1.cri"]',
      // 2.x's `ctr pull` goes through the transfer service, which unpacks only the platforms listed here
      // (default: the host's); without wasi/wasm it fails with "no unpack platforms defined". The differ is
      // named: none declares wasi/wasm, so none would be found for it.
      "[[plugins.'io.containerd.transfer.v1.local'.unpack_config]]",
      `platform = "linux/${process.arch === 'x64' ? 'amd64' : process.arch}"`,
      'snapshotter = "overlayfs"',
      'differ = "walking"',
      "[[plugins.'io.containerd.transfer.v1.local'.unpack_config]]",
      'platform = "wasi/wasm"',
      'snapshotter = "overlayfs"',
      'differ = "walking"',
      '',
    ].join('\n'),
    shimDirs: [shimBinDir],
  });
  saveState(state);
  await waitFor('containerd 2', ready, `${service}.log`);
  step(`containerd ${containerd2.version} at ${socket}`);
  return result;
}

export async function stopContainerd2(): Promise<void> {
  const state = loadState();
  const rec = state.services[service];
  const pid = isOurs(rec) ? rec.pid : undefined;
  if (stopService(state, service)) step(`stopped ${service}`);
  if (pid) await waitGone([pid]);
  saveState(state);
}
