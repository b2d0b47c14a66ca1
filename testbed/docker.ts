// Docker Engines, for building through Docker's embedded BuildKit (test/e2e/docker-engine.test.ts):
// - `debian`: Debian's docker.io (dockerd 20.10, BuildKit v0.8), unpacked from its .deb with containerd's
//   and tini's: no maintainer scripts run, so the package starts nothing and touches no system path;
// - `moby`: dockerd of the Docker 29 line, built from the Go module github.com/moby/moby/v2 (a GoTool).
// One containerd (Debian's) serves both, each engine in its own namespace. Everything is private: sockets,
// data and exec roots under the testbed's cache, no iptables, no bridge, no userland proxy, no systemd.
// Engines start on demand (`npm run testbed -- docker up`, or the test) and are recorded in the state, so
// `npm run testbed -- down` (and `docker down`, and the test) stops them.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { cacheRoot, goTools, logsDir, stateDir, toolBin, toolsDir } from './config.js';
import { isOurs, loadState, saveState, type ServiceRecord, type State } from './state.js';
import { startContainerd, startDetached, stopService, waitFor, waitGone } from './services.js';
import type { Containerd } from './containerd2.js';
import { shimBinDir } from './runwasi.js';
import { sh, step, succeeds, timed } from './sh.js';

/** Debian's packages for the `debian` engine, unpacked (not installed) into the tools directory. */
export const debianDockerPackages = ['docker.io', 'containerd', 'tini'];

export type EngineName = 'debian' | 'moby';
export const engineNames: EngineName[] = ['debian', 'moby'];

const mobyTool = goTools.find((t) => t.name === 'dockerd')!;

export interface DockerEngine {
  name: EngineName;
  /** `unix://...`: DOCKER_HOST for the docker CLI. */
  host: string;
  dockerd: string;
}

function socket(name: string): string {
  return path.join(stateDir, `${name}.sock`);
}

const containerdSocket = socket('containerd');
const dockerRoot = path.join(cacheRoot, 'docker');

async function candidateVersion(pkg: string): Promise<string> {
  const out = await sh('apt-cache', ['policy', pkg]);
  const v = /Candidate:\s*(\S+)/.exec(out)?.[1];
  if (!v || v === '(none)') throw new Error(`apt has no candidate for ${pkg}: run apt-get update`);
  return v;
}

/** Where Debian's docker.io and containerd are unpacked: tools/docker-debian-<docker.io's version>/. */
async function debianRoot(): Promise<string> {
  const version = await candidateVersion('docker.io').catch(async () => {
    await sh('apt-get', ['update'], { logFile: path.join(logsDir, 'apt.log') });
    return candidateVersion('docker.io');
  });
  return path.join(toolsDir, `docker-debian-${version.replace(/[^\w.+-]/g, '_')}`);
}

/** Unpacks Debian's docker.io, containerd and tini (apt-get download + dpkg-deb -x) unless already there. */
export async function ensureDebianDocker(): Promise<string> {
  const root = await debianRoot();
  if (existsSync(path.join(root, '.installed'))) return root;
  const logFile = path.join(logsDir, 'install-docker-debian.log');
  step(`unpacking Debian's ${debianDockerPackages.join(', ')} into ${root} (log: ${logFile})`);
  mkdirSync(toolsDir, { recursive: true });
  const tmp = mkdtempSync(path.join(toolsDir, '.debs-'));
  try {
    await timed('unpacked Debian docker.io', async () => {
      await sh('apt-get', ['download', ...debianDockerPackages], { cwd: tmp, logFile });
      rmSync(root, { recursive: true, force: true });
      for (const deb of readdirSync(tmp).filter((f) => f.endsWith('.deb'))) {
        await sh('dpkg-deb', ['-x', path.join(tmp, deb), root], { logFile });
      }
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(path.join(root, '.installed'), debianDockerPackages.join(' '));
  return root;
}

async function engine(name: EngineName): Promise<DockerEngine> {
  const dockerd =
    name === 'debian'
      ? path.join(await ensureDebianDocker(), 'usr', 'sbin', 'dockerd')
      : path.join(toolBin(mobyTool.name, mobyTool.version), 'dockerd');
  return { name, host: `unix://${socket(`dockerd-${name}`)}`, dockerd };
}

/** DOCKER_HOST values and versions for .testbed/env (the sockets exist while an engine runs). */
export async function dockerEnv(): Promise<Record<string, string>> {
  const debianVersion = await candidateVersion('docker.io').catch(() => 'unknown');
  return {
    DOCKER_ENGINE_DEBIAN: `unix://${socket('dockerd-debian')}`,
    DOCKER_ENGINE_MOBY: `unix://${socket('dockerd-moby')}`,
    VERSION_DOCKER_ENGINE_DEBIAN: debianVersion,
    VERSION_DOCKER_ENGINE_MOBY: mobyTool.version,
  };
}

/** GET /_ping on the engine's socket: 200 once the API serves. */
function pingDocker(sock: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: sock, path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

async function ensureContainerd(state: State): Promise<void> {
  const root = await ensureDebianDocker();
  const exe = path.join(root, 'usr', 'bin', 'containerd');
  const ctr = path.join(root, 'usr', 'bin', 'ctr');
  const ready = () => succeeds(ctr, ['--address', containerdSocket, 'version']);
  if (isOurs(state.services.containerd) && (await ready())) return;
  if (isOurs(state.services.containerd)) stopService(state, 'containerd');
  // An empty config: the machine's /etc/containerd/config.toml, if any, is not read. Shims are found on
  // PATH: runc's (runc is Debian's, /usr/sbin) and the runwasi shim (testbed/runwasi.ts).
  await startContainerd(state, 'containerd', exe, {
    dir: path.join(dockerRoot, 'containerd'),
    socket: containerdSocket,
    config: 'version = 2\n',
    shimDirs: [path.join(root, 'usr', 'bin'), shimBinDir],
  });
  saveState(state);
  await waitFor('containerd', ready, 'containerd.log');
}

/**
 * Debian's containerd 1.6 itself, for `ctr` (the runwasi tests): started like the engines' (it is the same
 * daemon), and stopped by `stopDockerEngines` once no engine uses it.
 */
export async function ensureDebianContainerd(): Promise<Containerd> {
  await ensureContainerd(loadState());
  const root = await ensureDebianDocker();
  const ctr = path.join(root, 'usr', 'bin', 'ctr');
  return { socket: containerdSocket, ctr, version: await candidateVersion('containerd') };
}

/** What an engine's daemon.json may add: moby's feature flags (`features` in daemon.json). */
export interface EngineOptions {
  features?: Record<string, boolean>;
}

/**
 * Starts (or keeps) one engine; returns it and whether this call started it. An engine running with other
 * options is restarted with these.
 */
export async function ensureDockerEngine(
  name: EngineName,
  opts: EngineOptions = {},
): Promise<DockerEngine & { started: boolean }> {
  const state = loadState();
  const e = await engine(name);
  if (!existsSync(e.dockerd)) throw new Error(`${e.dockerd} is missing: run \`npm run testbed -- up\``);
  const service = `dockerd-${name}`;
  const sock = e.host.slice('unix://'.length);
  const root = await ensureDebianDocker();
  const ping = () => pingDocker(sock);
  const dir = path.join(dockerRoot, name);
  // A private config file, so neither /etc/docker/daemon.json is read nor /etc/docker/key.json written
  // (dockerd 20.10 keeps its trust key there by default).
  const daemonJson = JSON.stringify({
    ...(name === 'debian' ? { 'deprecated-key-path': path.join(dir, 'key.json') } : {}),
    ...(opts.features ? { features: opts.features } : {}),
  });
  // The record's version names the config too, so a running engine with another config is restarted.
  const version = `${name === 'moby' ? mobyTool.version : 'debian'} ${daemonJson}`;
  const running = state.services[service];
  if (isOurs(running) && running.version === version && (await ping())) return { ...e, started: false };
  if (isOurs(running)) {
    stopService(state, service);
    await waitGone([running.pid]);
  }
  await ensureContainerd(state);
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'daemon.json');
  writeFileSync(config, daemonJson + '\n');
  rmSync(sock, { force: true });
  const args = [
    '--config-file',
    config,
    '--containerd',
    containerdSocket,
    '--containerd-namespace',
    `wasm-build-${name}`,
    '--containerd-plugins-namespace',
    `wasm-build-${name}-plugins`,
    '--data-root',
    path.join(dir, 'data'),
    '--exec-root',
    path.join(dir, 'exec'),
    '--pidfile',
    path.join(dir, 'dockerd.pid'),
    '-H',
    e.host,
    '--iptables=false',
    '--ip6tables=false',
    '--ip-forward=false',
    '--ip-masq=false',
    '--bridge=none',
    '--userland-proxy=false',
  ];
  if (name === 'debian') args.splice(args.indexOf('--ip6tables=false'), 1); // 20.10 has no such flag
  state.services[service] = startDetached(service, e.dockerd, args, version, {
    ...process.env,
    PATH: `${path.join(root, 'usr', 'bin')}:${process.env.PATH ?? ''}`,
  });
  saveState(state);
  await waitFor(`dockerd (${name})`, ping, `${service}.log`);
  step(`dockerd (${name}) at ${e.host}`);
  return { ...e, started: true };
}

/** Stops the given engines (default: both), then containerd when no engine is left on it. */
export async function stopDockerEngines(names: readonly EngineName[] = engineNames): Promise<void> {
  const state = loadState();
  const pids: number[] = [];
  const stop = (service: string) => {
    const rec: ServiceRecord | undefined = state.services[service];
    if (isOurs(rec)) pids.push(rec.pid);
    if (stopService(state, service)) step(`stopped ${service}`);
  };
  for (const name of names) stop(`dockerd-${name}`);
  await waitGone(pids);
  pids.length = 0;
  if (!engineNames.some((n) => isOurs(state.services[`dockerd-${n}`]))) stop('containerd');
  await waitGone(pids);
  saveState(state);
}
