// The buildx builder a build runs on. The `docker` driver of a stock Docker Engine cannot export an OCI
// layout, which the pipeline reads, so on that driver a `docker-container` builder is created for the
// run and removed afterwards.
import { buildxCommand } from './buildx.js';
import type { ProcessRunner } from './types.js';

export interface ChosenBuilder {
  /** The builder to pass as `--builder`; undefined: buildx's current one. */
  name?: string;
  driver: string;
  /** Created for this run: remove it when done. */
  created: boolean;
}

export function builderDriver(inspectOutput: string): string | undefined {
  return /^Driver:\s+(\S+)/m.exec(inspectOutput)?.[1];
}

export async function chooseBuilder(
  requested: string | undefined,
  run: ProcessRunner,
  env: NodeJS.ProcessEnv,
  uniqueName: string,
): Promise<ChosenBuilder> {
  const [cmd, ...pre] = buildxCommand(env);
  const inspect = await run(cmd, [...pre, 'inspect', ...(requested ? [requested] : [])], { env });
  if (inspect.code !== 0) {
    throw new Error(
      `buildx inspect${requested ? ` ${requested}` : ''} failed: ${(inspect.stderr || inspect.stdout).trim()}. ` +
        'Set up buildx first (docker/setup-buildx-action), or name a builder that exists.',
    );
  }
  const driver = builderDriver(inspect.stdout) ?? 'unknown';
  if (driver !== 'docker') return { name: requested, driver, created: false };
  const create = await run(
    cmd,
    [...pre, 'create', '--driver=docker-container', `--name=${uniqueName}`, '--bootstrap'],
    { env },
  );
  if (create.code !== 0) {
    throw new Error(
      `the "docker" driver cannot export an OCI layout, and creating a docker-container builder failed: ` +
        (create.stderr || create.stdout).trim(),
    );
  }
  return { name: uniqueName, driver: 'docker-container', created: true };
}

export async function removeBuilder(name: string, run: ProcessRunner, env: NodeJS.ProcessEnv): Promise<void> {
  const [cmd, ...pre] = buildxCommand(env);
  const rm = await run(cmd, [...pre, 'rm', name], { env });
  if (rm.code !== 0) throw new Error(`buildx rm ${name} failed: ${(rm.stderr || rm.stdout).trim()}`);
}
