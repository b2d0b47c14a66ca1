// npm run testbed -- up|down|status: the real BuildKit, registries, images and runtimes tests run against.
import path from 'node:path';
import {
  crateTools,
  goTools,
  hostPackages,
  logsDir,
  toolBin,
  wasmToolsPackage,
  wasmtime,
  wkg,
} from './config.js';
import { ensurePackages } from './apt.js';
import { ensureCrateTools, ensureGoTools, ensureWasmTools, toolPath, wasmToolsBin } from './tools.js';
import { choosePort, isOurs, loadState, saveState } from './state.js';
import {
  authUser,
  buildkitHost,
  builderName,
  buildxConfig,
  dockerConfig,
  ensureBuildkitd,
  ensureBuildxBuilder,
  ensureRegistry,
  stopService,
  waitGone,
} from './services.js';
import { ensureFrontendImage, ensureImages, nodeBinaryVersion, nodePackage } from './images.js';
import { readCheckoutEnv, removeCheckoutEnv, writeCheckoutEnv } from './env.js';
import { sh, step } from './sh.js';
import { runActionlint } from './actionlint.js';
import {
  dockerEnv,
  engineNames,
  ensureDebianDocker,
  ensureDockerEngine,
  stopDockerEngines,
  type EngineName,
} from './docker.js';

async function up(): Promise<void> {
  const started = Date.now();
  await ensurePackages(hostPackages, path.join(logsDir, 'apt.log'));
  const state = loadState();
  state.registryPort = await choosePort(state.registryPort, isOurs(state.services.registry));
  state.registryAuthPort = await choosePort(state.registryAuthPort, isOurs(state.services['registry-auth']));
  // Docker Engines are installed here and started on demand (`docker up`, or their e2e test).
  await ensureDebianDocker();
  const cratesReady = ensureCrateTools();
  // Awaited below; until then a failure must not surface as an unhandled rejection.
  cratesReady.catch(() => {});
  try {
    await ensureGoTools();
    await ensureWasmTools();
    await ensureRegistry(state, 'registry', state.registryPort);
    await ensureRegistry(state, 'registry-auth', state.registryAuthPort);
    await ensureBuildkitd(state, [state.registryPort, state.registryAuthPort]);
  } finally {
    saveState(state);
  }
  await ensureBuildxBuilder();
  const registry = `127.0.0.1:${state.registryPort}`;
  const images = await ensureImages(registry);
  const frontend = await ensureFrontendImage(registry, images.node);
  await cratesReady;
  const version = async (tool: { name: string; version: string }) =>
    (await sh(path.join(toolBin(tool.name, tool.version), tool.name), ['--version'])).trim();
  const vars: Record<string, string> = {
    BUILDKIT_HOST: buildkitHost,
    BUILDX_CONFIG: buildxConfig,
    BUILDX_BUILDER: builderName,
    DOCKER_CONFIG: dockerConfig,
    REGISTRY: registry,
    REGISTRY_AUTH: `127.0.0.1:${state.registryAuthPort}`,
    REGISTRY_AUTH_USER: authUser,
    REGISTRY_AUTH_PASSWORD: state.authPassword,
    TESTBED_PATH: toolPath().join(':'),
    IMAGE_DEBIAN: images.debian,
    IMAGE_NODE: images.node,
    IMAGE_TOOLCHAIN_C: images.toolchainC,
    IMAGE_TOOLCHAIN_RUST: images.toolchainRust,
    IMAGE_TOOLCHAIN_GO: images.toolchainGo,
    IMAGE_TOOLCHAIN_ASSEMBLYSCRIPT: images.toolchainAssemblyscript,
    IMAGE_TOOLCHAIN_ZIG: images.toolchainZig,
    // JavaScript needs what AssemblyScript does, node and npm: its tools come from the project's lockfile.
    IMAGE_TOOLCHAIN_JAVASCRIPT: images.toolchainAssemblyscript,
    IMAGE_TOOLCHAIN_PYTHON: images.toolchainPython,
    IMAGE_FRONTEND: frontend,
    VERSION_BUILDKIT: goTools.find((t) => t.name === 'buildkit')!.version,
    VERSION_BUILDX: goTools.find((t) => t.name === 'buildx')!.version,
    VERSION_CRANE: goTools.find((t) => t.name === 'crane')!.version,
    VERSION_WAZERO: goTools.find((t) => t.name === 'wazero')!.version,
    VERSION_ACT: goTools.find((t) => t.name === 'act')!.version,
    VERSION_ACTIONLINT: goTools.find((t) => t.name === 'actionlint')!.version,
    VERSION_WASMTIME: await version(wasmtime),
    VERSION_WKG: await version(wkg),
    VERSION_WASM_TOOLS: (await sh(wasmToolsBin(), ['--version'])).trim(),
    VERSION_NODE_IMAGE: nodeBinaryVersion,
    // The same Node.js on the host, for tests whose guests need newer Wasm features than the Node.js
    // running the tests has (Node 20 lacks extended-const, which componentize-py's CPython uses).
    NODE_IMAGE_BIN: path.join(await nodePackage(), 'bin', 'node'),
    VERSION_NODE_WASI: process.version,
    ...(await dockerEnv()),
  };
  const file = writeCheckoutEnv(vars);
  step(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${file}`);
}

async function down(): Promise<void> {
  // The engines first, so containerd outlives the dockerds using it.
  await stopDockerEngines();
  const state = loadState();
  const pids = Object.values(state.services)
    .filter((r) => isOurs(r))
    .map((r) => r.pid);
  for (const name of Object.keys(state.services)) {
    if (stopService(state, name)) step(`stopped ${name}`);
  }
  await waitGone(pids);
  saveState(state);
  removeCheckoutEnv();
}

/** `docker up [debian|moby]...` starts engines (default both); `docker down [...]` stops them. */
async function docker(action: string | undefined, names: string[]): Promise<void> {
  const bad = names.filter((n) => !engineNames.includes(n as EngineName));
  if (bad.length || (action !== 'up' && action !== 'down')) {
    throw new Error(`usage: npm run testbed -- docker up|down [${engineNames.join('|')}]...`);
  }
  const which = (names.length ? names : engineNames) as EngineName[];
  if (action === 'down') return stopDockerEngines(which);
  for (const name of which) {
    const e = await ensureDockerEngine(name);
    console.log(`DOCKER_HOST=${e.host}  # ${name}${e.started ? '' : ' (already running)'}`);
  }
}

function status(): boolean {
  const state = loadState();
  let allUp = true;
  for (const name of ['containerd', 'containerd2', 'dockerd-debian', 'dockerd-moby']) {
    const rec = state.services[name];
    if (isOurs(rec)) console.log(`${name.padEnd(14)} running (pid ${rec.pid})  ${rec.exe}`);
  }
  for (const name of ['registry', 'registry-auth', 'buildkitd']) {
    const rec = state.services[name];
    const running = isOurs(rec);
    allUp &&= running;
    const where =
      name === 'registry'
        ? `127.0.0.1:${state.registryPort}`
        : name === 'registry-auth'
          ? `127.0.0.1:${state.registryAuthPort}`
          : buildkitHost;
    console.log(
      `${name.padEnd(14)} ${running ? `running (pid ${rec!.pid})` : 'stopped'.padEnd(20)}  ${where}  ${
        rec?.version.split('\n')[0] ?? ''
      }`,
    );
  }
  for (const t of goTools) console.log(`${t.name.padEnd(14)} ${t.version}  ${toolBin(t.name, t.version)}`);
  for (const t of crateTools) console.log(`${t.name.padEnd(14)} ${t.version}  ${toolBin(t.name, t.version)}`);
  console.log(`${'wasm-tools'.padEnd(14)} ${wasmToolsPackage.version}  ${wasmToolsBin()}`);
  console.log(`${'logs'.padEnd(14)} ${logsDir}`);
  const env = readCheckoutEnv();
  if (!env) console.log('no .testbed/env: run `npm run testbed -- up`');
  for (const [k, v] of Object.entries(env ?? {}))
    if (k.startsWith('IMAGE_')) console.log(`${k.padEnd(22)} ${v}`);
  return allUp;
}

const command = process.argv[2] ?? 'status';
try {
  if (command === 'up') await up();
  else if (command === 'down') await down();
  else if (command === 'status') process.exitCode = status() ? 0 : 1;
  else if (command === 'docker') await docker(process.argv[3], process.argv.slice(4));
  else if (command === 'actionlint') process.exitCode = await runActionlint(process.argv.slice(3));
  else {
    console.error(
      `usage: npm run testbed -- up|down|status|docker up|down|actionlint [files] (got "${command}")`,
    );
    process.exitCode = 2;
  }
} catch (err) {
  console.error(`testbed ${command} failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
