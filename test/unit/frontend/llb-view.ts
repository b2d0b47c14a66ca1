// What a driver's LLB says, read back from the marshaled Definition (not from the State objects that
// built it), in terms a test can pin: each exec's argv, env, user, cwd, network and mounts, each mount's
// source named by the op that produces it.
import { marshal, type State } from '../../../frontend/llb/index.js';
import { decodeDefinition, type Decoded, type DecodedOp } from '../llb/decode.js';

export interface MountView {
  dest: string;
  type: 'bind' | 'secret' | 'ssh' | 'cache' | 'tmpfs';
  /** What is mounted: `scratch`, `local://context`, `docker-image://...`, `file:<name>` or `exec:<name>:<dest>`. */
  from?: string;
  readonly?: true;
  /** The mount is an output of the exec (a writable bind). */
  output?: true;
  cache?: { id: string; sharing: 'shared' | 'private' | 'locked' };
}

export interface ExecView {
  name: string;
  args: string[];
  env: string[];
  cwd: string;
  user: string;
  network: 'sandbox' | 'host' | 'none';
  mounts: MountView[];
}

export interface CopyView {
  name: string;
  from: string;
  src: string;
  dest: string;
  contentsOnly: boolean;
  include: string[];
}

export interface LlbView {
  execs: ExecView[];
  copies: CopyView[];
}

const MOUNT_TYPES = ['bind', 'secret', 'ssh', 'cache', 'tmpfs'] as const;
const SHARING = ['shared', 'private', 'locked'] as const;
const NETWORK = ['sandbox', 'host', 'none'] as const;

const nameOf = (op: DecodedOp): string =>
  ((op.metadata.description ?? {}) as Record<string, string>)['llb.customname'] ?? '';

/** Every exec and file copy reachable from `state`, in Definition order (dependencies first). */
export function viewLlb(state: State): LlbView {
  const ops = decodeDefinition(marshal(state).definition);
  const byDigest = new Map(ops.map((o) => [o.digest, o]));
  const describe = (op: DecodedOp, index: number): string => {
    const source = op.op.source as Decoded | undefined;
    if (source) return source.identifier as string;
    if (op.op.file) return `file:${nameOf(op)}`;
    const exec = op.op.exec as { mounts: { dest: string; output?: number }[] };
    const dest = exec.mounts.find((m) => (m.output ?? 0) === index && m.output !== -1)?.dest;
    return `exec:${nameOf(op)}:${dest}`;
  };
  const inputOf = (op: DecodedOp, i: number | undefined): string => {
    if (i === -1) return 'scratch';
    const input = (op.op.inputs as { digest: string; index?: number }[])[i ?? 0]!;
    return describe(byDigest.get(input.digest)!, input.index ?? 0);
  };
  const execs: ExecView[] = [];
  const copies: CopyView[] = [];
  for (const op of ops) {
    const exec = op.op.exec as Decoded | undefined;
    if (exec) {
      const meta = exec.meta as { args: string[]; env?: string[]; cwd?: string; user?: string };
      const mounts = (exec.mounts as Decoded[]).map((m): MountView => {
        const type = MOUNT_TYPES[(m.mountType as number | undefined) ?? 0]!;
        const view: MountView = { dest: m.dest as string, type };
        if (type === 'bind') view.from = inputOf(op, m.input as number | undefined);
        if (m.readonly) view.readonly = true;
        if (type === 'bind' && ((m.output as number | undefined) ?? 0) >= 0 && m.dest !== '/')
          view.output = true;
        const cache = m.cacheOpt as { id: string; sharing?: number } | undefined;
        if (cache) view.cache = { id: cache.id, sharing: SHARING[cache.sharing ?? 0]! };
        return view;
      });
      execs.push({
        name: nameOf(op),
        args: meta.args,
        env: meta.env ?? [],
        cwd: meta.cwd ?? '',
        user: meta.user ?? '',
        network: NETWORK[(exec.network as number | undefined) ?? 0]!,
        mounts,
      });
    }
    const file = op.op.file as { actions: Decoded[] } | undefined;
    for (const action of file?.actions ?? []) {
      const c = action.copy as Decoded | undefined;
      if (!c) continue;
      copies.push({
        name: nameOf(op),
        from: inputOf(op, action.secondaryInput as number | undefined),
        src: c.src as string,
        dest: c.dest as string,
        contentsOnly: Boolean(c.dirCopyContents),
        include: (c.includePatterns as string[] | undefined) ?? [],
      });
    }
  }
  return { execs, copies };
}

/** `KEY=value` strings as a map (a later entry wins, as in the exec's environment). */
export function envMap(env: readonly string[]): Record<string, string> {
  return Object.fromEntries(env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}
