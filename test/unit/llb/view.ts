// What an LLB graph says, read back from the marshaled Definition (not from the State objects that built
// it), in terms a test can pin: each exec's argv, env, user, cwd, network, cache setting and mounts, each
// file copy, and every mount's input named by the op that produces it: its custom name (or a source's
// identifier), and for an exec output the mount it comes from, `<name> #<output>`.
import { marshal, type State } from '../../../frontend/llb/index.js';
import { decodeDefinition, type Decoded, type DecodedOp } from './decode.js';

export interface MountView {
  dest: string;
  type: 'bind' | 'secret' | 'ssh' | 'cache' | 'tmpfs';
  /** What is mounted (see above); `scratch` for nothing. */
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
  user: string;
  network: 'sandbox' | 'host' | 'none';
  ignoreCache: boolean;
  mounts: MountView[];
}

export interface CopyView {
  name: string;
  from: string;
  src: string;
  dest: string;
  contentsOnly: boolean;
  include: string[];
  ignoreCache: boolean;
}

export interface LlbView {
  execs: ExecView[];
  copies: CopyView[];
}

const MOUNT_TYPES = ['bind', 'secret', 'ssh', 'cache', 'tmpfs'] as const;
const SHARING = ['shared', 'private', 'locked'] as const;
const NETWORK = ['sandbox', 'host', 'none'] as const;

/** An op's custom name, or a source's identifier. */
export function opName(op: DecodedOp): string {
  const custom = (op.metadata.description as Record<string, string> | undefined)?.['llb.customname'];
  if (custom) return custom;
  const source = op.op.source as { identifier: string } | undefined;
  return source?.identifier ?? op.digest;
}

/** Every exec and file copy reachable from `state`, in Definition order (dependencies first). */
export function viewLlb(state: State): LlbView {
  const ops = decodeDefinition(marshal(state).definition);
  const byDigest = new Map(ops.map((o) => [o.digest, o]));
  // proto3 leaves zeros out: an absent input index is input 0; -1 is scratch.
  const inputOf = (op: DecodedOp, i: number | undefined): string => {
    if (i === -1) return 'scratch';
    const input = (op.op.inputs as { digest: string; index?: number }[] | undefined)?.[i ?? 0];
    if (!input) return 'scratch';
    const from = byDigest.get(input.digest)!;
    return from.op.exec ? `${opName(from)} #${input.index ?? 0}` : opName(from);
  };
  const execs: ExecView[] = [];
  const copies: CopyView[] = [];
  for (const op of ops) {
    const ignoreCache = op.metadata.ignoreCache === true;
    const exec = op.op.exec as Decoded | undefined;
    if (exec) {
      const meta = exec.meta as { args: string[]; env?: string[]; cwd?: string; user?: string };
      const mounts = (exec.mounts as Decoded[]).map((m): MountView => {
        const type = MOUNT_TYPES[(m.mountType as number | undefined) ?? 0]!;
        const view: MountView = { dest: m.dest as string, type };
        if (type === 'bind') view.from = inputOf(op, m.input as number | undefined);
        if (m.selector) view.selector = m.selector as string;
        if (m.readonly) view.readonly = true;
        // The root mount's output 0 is left out on the wire like any proto3 zero.
        if (type === 'bind' && m.dest !== '/' && ((m.output as number | undefined) ?? 0) >= 0)
          view.writable = true;
        const cache = m.cacheOpt as { id: string; sharing?: number } | undefined;
        if (cache) view.cache = { id: cache.id, sharing: SHARING[cache.sharing ?? 0]! };
        return view;
      });
      execs.push({
        name: opName(op),
        args: meta.args,
        env: meta.env ?? [],
        cwd: meta.cwd ?? '',
        user: meta.user ?? '',
        network: NETWORK[(exec.network as number | undefined) ?? 0]!,
        ignoreCache,
        mounts,
      });
    }
    const file = op.op.file as { actions: Decoded[] } | undefined;
    for (const action of file?.actions ?? []) {
      const c = action.copy as Decoded | undefined;
      if (!c) continue;
      copies.push({
        name: opName(op),
        from: inputOf(op, action.secondaryInput as number | undefined),
        src: c.src as string,
        dest: c.dest as string,
        contentsOnly: Boolean(c.dirCopyContents),
        include: (c.includePatterns as string[] | undefined) ?? [],
        ignoreCache,
      });
    }
  }
  return { execs, copies };
}

/** `KEY=value` strings as a map (a later entry wins, as in the exec's environment). */
export function envMap(env: readonly string[]): Record<string, string> {
  return Object.fromEntries(env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}
