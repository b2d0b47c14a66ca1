// Runs a language driver on a wasm.toml and a fake build context listing, marshals what it returns and
// reads the LLB back with the tests' own decoder: each exec as its argv, env, cwd, network and mounts,
// each mount naming the op it comes from. Driver tests assert on these views, not on the driver's code.
import type { ModuleSpec } from '../../../src/wasm-toml/index.js';
import { image, local, marshal } from '../../../frontend/llb/index.js';
import { matchFiles } from '../../../frontend/context-files.js';
import type { BuiltModule, LanguageDriver } from '../../../frontend/languages/driver.js';
import { decodeDefinition, type Decoded, type DecodedOp } from '../llb/decode.js';
import { moduleOf as parsedModule } from '../../support/wasm-toml.js';

/** A module named "m" with `text` in its table. */
export const moduleOf = (text: string): ModuleSpec => parsedModule(`name = "m"\n${text}`);

export interface MountView {
  dest: string;
  type: 'bind' | 'secret' | 'ssh' | 'cache' | 'tmpfs';
  /** The op the mount's input is (its custom name, or its source identifier); `scratch` for none. */
  from?: string;
  selector?: string;
  readonly?: true;
  /** A writable bind mount: the exec produces a new filesystem for it. */
  writable?: true;
  cache?: { id: string; sharing: 'shared' | 'private' | 'locked' };
}

export interface ExecView {
  name: string;
  args: string[];
  env: string[];
  cwd: string;
  network: 'sandbox' | 'host' | 'none';
  ignoreCache: boolean;
  mounts: MountView[];
}

export interface CopyView {
  name: string;
  from: string;
  src: string;
  dest: string;
  ignoreCache: boolean;
}

export interface DriverRun {
  result: BuiltModule;
  execs: ExecView[];
  copies: CopyView[];
}

export interface FakeBuild {
  /** Files under the module's source, relative to it. */
  files: readonly string[];
  /** The toolchain image config's Env. */
  imageEnv?: readonly string[];
  ignoreCache?: boolean;
}

export const TOOLCHAIN = 'registry.test/toolchain:1';
const mountTypes = ['bind', 'secret', 'ssh', 'cache', 'tmpfs'] as const;
const sharings = ['shared', 'private', 'locked'] as const;
const networks = { 0: 'sandbox', 1: 'host', 2: 'none' } as const;

function nameOf(op: DecodedOp): string {
  const custom = (op.metadata.description as Record<string, string> | undefined)?.['llb.customname'];
  if (custom) return custom;
  const source = op.op.source as { identifier: string } | undefined;
  return source?.identifier ?? op.digest;
}

export async function runDriver(
  driver: LanguageDriver,
  module: ModuleSpec,
  fake: FakeBuild,
): Promise<DriverRun> {
  const imageEnv = fake.imageEnv ?? ['PATH=/usr/local/bin:/usr/bin:/bin'];
  const toolchain = image(TOOLCHAIN, { customName: 'toolchain' }).withImageConfig({
    config: { Env: imageEnv },
  });
  const result = await driver.build({
    module,
    toolchain,
    toolchainEnv: toolchain.environment,
    context: local('context', { customName: 'context' }),
    files: async (patterns) => matchFiles(fake.files, patterns),
    label: `[${module.name}]`,
    ignoreCache: fake.ignoreCache ?? false,
    // These drivers never read build results while planning; one that does fails loudly here.
    read: async () => {
      throw new Error('runDriver: the driver read a build result, which this fake cannot answer');
    },
  });
  const ops = decodeDefinition(marshal(result.output).definition);
  const byDigest = new Map(ops.map((o) => [o.digest, o]));
  const inputName = (op: DecodedOp, index: number | undefined): string => {
    if (index === -1) return 'scratch';
    const input = (op.op.inputs as { digest: string }[] | undefined)?.[index ?? 0];
    return input ? nameOf(byDigest.get(input.digest)!) : 'scratch';
  };

  const execs: ExecView[] = [];
  const copies: CopyView[] = [];
  for (const op of ops) {
    const exec = op.op.exec as Decoded | undefined;
    if (exec) {
      const meta = exec.meta as { args: string[]; env?: string[]; cwd: string };
      const mounts = (exec.mounts as Decoded[]).map((m): MountView => {
        const type = mountTypes[(m.mountType as number | undefined) ?? 0]!;
        const view: MountView = { dest: m.dest as string, type };
        if (type === 'bind') view.from = inputName(op, m.input as number | undefined);
        if (m.selector) view.selector = m.selector as string;
        if (m.readonly) view.readonly = true;
        // Absent int64 fields are proto3 zeros: the root mount's output 0 is left out on the wire.
        if (type === 'bind' && m.dest !== '/' && ((m.output as number | undefined) ?? 0) >= 0)
          view.writable = true;
        const cache = m.cacheOpt as { id: string; sharing?: number } | undefined;
        if (cache) view.cache = { id: cache.id, sharing: sharings[cache.sharing ?? 0]! };
        return view;
      });
      execs.push({
        name: nameOf(op),
        args: meta.args,
        env: meta.env ?? [],
        cwd: meta.cwd,
        network: networks[((exec.network as number | undefined) ?? 0) as 0 | 1 | 2],
        ignoreCache: op.metadata.ignoreCache === true,
        mounts,
      });
    }
    const file = op.op.file as { actions: Decoded[] } | undefined;
    for (const action of file?.actions ?? []) {
      const c = action.copy as { src: string; dest: string } | undefined;
      if (c) {
        copies.push({
          name: nameOf(op),
          from: inputName(op, action.secondaryInput as number | undefined),
          src: c.src,
          dest: c.dest,
          ignoreCache: op.metadata.ignoreCache === true,
        });
      }
    }
  }
  return { result, execs, copies };
}

/** The exec whose custom name starts with `prefix`. */
export function execNamed(run: DriverRun, prefix: string): ExecView {
  const found = run.execs.filter((e) => e.name.startsWith(prefix));
  if (found.length !== 1)
    throw new Error(`${found.length} execs named "${prefix}...": ${run.execs.map((e) => e.name)}`);
  return found[0]!;
}
