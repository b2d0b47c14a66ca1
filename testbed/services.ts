// The long-running parts of the testbed: two registries and buildkitd, started detached and tracked by pid.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync, rmSync, symlinkSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, goTools, logsDir, stateDir, toolBin } from './config.js';
import { isOurs, type ServiceRecord, type State } from './state.js';
import { sh, step, succeeds } from './sh.js';

const buildkit = goTools.find((t) => t.name === 'buildkit')!;
const buildx = goTools.find((t) => t.name === 'buildx')!;

export const buildkitSocket = path.join(stateDir, 'buildkitd.sock');
export const buildkitHost = `unix://${buildkitSocket}`;
export const buildxConfig = path.join(stateDir, 'buildx');
export const dockerConfig = path.join(stateDir, 'docker');
export const builderName = 'wasm-build-testbed';
export const authUser = 'wasmbuild';

export function startDetached(
  name: string,
  exe: string,
  args: string[],
  version: string,
  env: NodeJS.ProcessEnv = process.env,
): ServiceRecord {
  mkdirSync(logsDir, { recursive: true });
  const log = openSync(path.join(logsDir, `${name}.log`), 'a');
  const child = spawn(exe, args, { detached: true, stdio: ['ignore', log, log], env });
  child.unref();
  if (!child.pid) throw new Error(`could not start ${name} (${exe})`);
  return { pid: child.pid, exe, version };
}

/**
 * A containerd of the testbed's own: `config` (TOML) and its root and state under `dir`, serving `socket`.
 * Shims are found on PATH: `shimDirs` come first. The machine's /etc/containerd is never read.
 */
export async function startContainerd(
  state: State,
  service: string,
  exe: string,
  o: { dir: string; socket: string; config: string; shimDirs: string[] },
): Promise<void> {
  mkdirSync(o.dir, { recursive: true });
  const config = path.join(o.dir, 'config.toml');
  writeFileSync(config, o.config);
  rmSync(o.socket, { force: true });
  const version = (await sh(exe, ['--version'])).trim();
  const args = ['--config', config, '--root', path.join(o.dir, 'root'), '--state', path.join(o.dir, 'state')];
  state.services[service] = startDetached(service, exe, [...args, '--address', o.socket], version, {
    ...process.env,
    PATH: [...o.shimDirs, process.env.PATH ?? ''].join(':'),
  });
}

export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  logName: string,
  seconds = 60,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not become ready in ${seconds} s: see ${path.join(logsDir, logName)}`);
}

async function httpStatus(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.status;
  } catch {
    return 0;
  }
}

export function registryConfig(port: number, dataDir: string, htpasswd?: string): string {
  // Plain YAML by hand: the registry's config is tiny and this keeps a YAML library out of the project.
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${dataDir}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  if (htpasswd) lines.push('auth:', '  htpasswd:', '    realm: wasm-build-testbed', `    path: ${htpasswd}`);
  return lines.join('\n') + '\n';
}

async function registryVersion(): Promise<string> {
  const out = await sh('dpkg-query', ['-W', '-f=${Version}', 'docker-registry']);
  return out.trim();
}

/** Starts (or keeps) one registry; `auth` adds htpasswd basic auth with the state's password. */
export async function ensureRegistry(
  state: State,
  name: 'registry' | 'registry-auth',
  port: number,
): Promise<void> {
  const exe = '/usr/bin/docker-registry';
  const version = await registryVersion();
  const rec = state.services[name];
  const expected = name === 'registry' ? 200 : 401;
  if (
    isOurs(rec) &&
    rec.version === version &&
    (await httpStatus(`http://127.0.0.1:${port}/v2/`)) === expected
  ) {
    return;
  }
  if (isOurs(rec)) stopService(state, name);
  const dir = path.join(cacheRoot, name);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  let htpasswd: string | undefined;
  if (name === 'registry-auth') {
    htpasswd = path.join(dir, 'htpasswd');
    // The registry only accepts bcrypt entries.
    const entry = await sh('htpasswd', ['-Bbn', authUser, state.authPassword]);
    writeFileSync(htpasswd, entry.trim() + '\n', { mode: 0o600 });
  }
  const config = path.join(dir, 'config.yml');
  writeFileSync(config, registryConfig(port, path.join(dir, 'data'), htpasswd));
  state.services[name] = startDetached(name, exe, ['serve', config], version);
  await waitFor(
    `${name} on 127.0.0.1:${port}`,
    async () => (await httpStatus(`http://127.0.0.1:${port}/v2/`)) === expected,
    `${name}.log`,
  );
  step(`${name} listening on 127.0.0.1:${port}`);
}

/**
 * buildkitd's config: the testbed's own daemon, or (tests) another one with its own `root` and socket, e.g.
 * a fresh builder with an empty cache.
 */
export function buildkitdConfig(
  registryPorts: number[],
  root = path.join(cacheRoot, 'buildkit'),
  host = buildkitHost,
): string {
  const lines = [
    `root = "${root}"`,
    // Debug logging is how a frontend's stderr reaches buildkitd.log, the only place it can be read.
    'debug = true',
    '[grpc]',
    `  address = ["${host}"]`,
    '[worker.oci]',
    '  enabled = true',
    '  snapshotter = "overlayfs"',
    // Builds fetch from the package registries the machine reaches; there is no CNI setup to sandbox with.
    '  networkMode = "host"',
    '  gc = true',
    '  gckeepstorage = "30GB"',
    '[worker.containerd]',
    '  enabled = false',
  ];
  for (const port of registryPorts) lines.push(`[registry."127.0.0.1:${port}"]`, '  http = true');
  return lines.join('\n') + '\n';
}

export async function ensureBuildkitd(state: State, registryPorts: number[]): Promise<void> {
  const exe = path.join(toolBin(buildkit.name, buildkit.version), 'buildkitd');
  const buildctl = path.join(toolBin(buildkit.name, buildkit.version), 'buildctl');
  const config = buildkitdConfig(registryPorts);
  const configFile = path.join(stateDir, 'buildkitd.toml');
  const version = `${buildkit.version} ${config}`;
  const rec = state.services.buildkitd;
  const ready = () => succeeds(buildctl, ['--addr', buildkitHost, 'debug', 'workers']);
  if (isOurs(rec) && rec.version === version && (await ready())) return;
  if (isOurs(rec)) stopService(state, 'buildkitd');
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(configFile, config);
  rmSync(buildkitSocket, { force: true });
  state.services.buildkitd = startDetached('buildkitd', exe, ['--config', configFile], version);
  await waitFor('buildkitd', ready, 'buildkitd.log');
  step(`buildkitd ${buildkit.version} at ${buildkitHost}`);
}

/** A buildx builder with the remote driver, in the testbed's own buildx config dir (the user's is untouched). */
export async function ensureBuildxBuilder(): Promise<void> {
  const bin = path.join(toolBin(buildx.name, buildx.version), 'buildx');
  const env = { ...process.env, BUILDX_CONFIG: buildxConfig, DOCKER_CONFIG: dockerConfig };
  // `docker buildx` finds the plugin here, so tests and the demo can run buildx the way users do.
  const plugins = path.join(dockerConfig, 'cli-plugins');
  mkdirSync(plugins, { recursive: true });
  const link = path.join(plugins, 'docker-buildx');
  if (!existsSync(link) || lstatSync(link).isSymbolicLink()) {
    rmSync(link, { force: true });
    symlinkSync(bin, link);
  }
  if (await succeeds(bin, ['inspect', builderName], { env })) return;
  await sh(bin, ['create', '--name', builderName, '--driver', 'remote', buildkitHost], { env });
  step(`buildx builder ${builderName} (remote driver)`);
}

export function stopService(state: State, name: string): boolean {
  const rec = state.services[name];
  delete state.services[name];
  if (!isOurs(rec)) return false;
  try {
    process.kill(rec.pid, 'SIGTERM');
  } catch {
    return false;
  }
  return true;
}

/** Waits until every given pid is gone (buildkitd unmounts its snapshots on SIGTERM). */
export async function waitGone(pids: number[], seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
}
