// A second buildkitd with an empty root, and a buildx builder for it: a fresh CI runner's BuildKit, for
// tests of what survives through an exported cache (`type=gha`, `type=registry`) and nothing else.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildkitdConfig } from '../../testbed/services.js';
import { run } from './exec.js';
import type { Testbed } from './testbed.js';

export interface ScratchBuilder {
  /** The buildx builder's name (remote driver), in the testbed's BUILDX_CONFIG. */
  builder: string;
  host: string;
  log: string;
  stop(): Promise<void>;
}

export async function startScratchBuildkitd(tb: Testbed): Promise<ScratchBuilder> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'buildkitd-scratch-'));
  const host = `unix://${path.join(dir, 'buildkitd.sock')}`;
  const ports = [tb.registry, tb.registryAuth.host].map((h) => Number(h.split(':').at(-1)));
  const config = path.join(dir, 'buildkitd.toml');
  writeFileSync(config, buildkitdConfig(ports, path.join(dir, 'root'), host));
  const log = path.join(dir, 'buildkitd.log');
  const out = openSync(log, 'a');
  const daemon = spawn('buildkitd', ['--config', config], { env: tb.env, stdio: ['ignore', out, out] });
  const builder = `scratch-${path.basename(dir).replace(/[^a-zA-Z0-9]/g, '')}`;
  const stop = async () => {
    await run('buildx', ['rm', builder], { env: tb.env });
    const gone = new Promise((r) => daemon.once('exit', r));
    daemon.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 20_000))]);
    if (daemon.exitCode === null) daemon.kill('SIGKILL');
    // A daemon that had to be killed may leave a mount behind: leave the directory to the OS then.
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // kept
    }
  };
  const deadline = Date.now() + 60_000;
  while ((await run('buildctl', ['--addr', host, 'debug', 'workers'], { env: tb.env })).code !== 0) {
    if (Date.now() > deadline || daemon.exitCode !== null) {
      await stop();
      throw new Error(`the scratch buildkitd did not start: see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const created = await run('buildx', ['create', '--name', builder, '--driver', 'remote', host], {
    env: tb.env,
  });
  if (created.code !== 0) {
    await stop();
    throw new Error(`buildx create failed: ${created.stderr}`);
  }
  return { builder, host, log, stop };
}
