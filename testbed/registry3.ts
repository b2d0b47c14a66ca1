// CNCF distribution v3 (the referrers API) and regctl, for the tests that check referrers and signatures on
// both registries: built from their Go modules and started on first use, not by `up`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, registry3, regctl, toolBin } from './config.js';
import { registryConfig, startDetached, stopService, waitFor } from './services.js';
import { step } from './sh.js';
import { freePort, isOurs, loadState, saveState } from './state.js';
import { buildGoTool } from './tools.js';

const service = 'registry3';

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/v2/`)).status === 200;
  } catch {
    return false;
  }
}

/** Builds and starts distribution v3 unless it runs; returns its `127.0.0.1:<port>`. */
export async function ensureRegistry3(): Promise<string> {
  await buildGoTool(registry3);
  const state = loadState();
  const port = state.registry3Port;
  if (port !== undefined && isOurs(state.services[service]) && (await answers(port)))
    return `127.0.0.1:${port}`;
  if (isOurs(state.services[service])) stopService(state, service);
  const chosen = await freePort();
  const dir = path.join(cacheRoot, service);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const config = path.join(dir, 'config.yml');
  writeFileSync(config, registryConfig(chosen, path.join(dir, 'data')));
  const exe = path.join(toolBin(registry3.name, registry3.version), registry3.name);
  state.services[service] = startDetached(service, exe, ['serve', config], registry3.version);
  state.registry3Port = chosen;
  saveState(state);
  await waitFor(
    `distribution ${registry3.version} on 127.0.0.1:${chosen}`,
    () => answers(chosen),
    `${service}.log`,
  );
  step(`distribution ${registry3.version} listening on 127.0.0.1:${chosen}`);
  return `127.0.0.1:${chosen}`;
}

/** Builds regctl unless this version is installed; returns the binary's path. */
export async function ensureRegctl(): Promise<string> {
  await buildGoTool(regctl);
  return path.join(toolBin(regctl.name, regctl.version), regctl.name);
}
