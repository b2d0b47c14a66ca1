// FileOp: a chain of mkdir/mkfile/rm/copy actions applied in order on top of one state.
import { Cap } from './caps.js';
import { resolveCopyDest, resolvePath } from './paths.js';
import type * as pb from './pb.js';
import type { State } from './state.js';
import {
  opMetadata,
  sameOutput,
  type MarshalContext,
  type OpOptions,
  type Output,
  type Vertex,
} from './vertex.js';

/** A user or group: a number is an id, a string a name looked up in the target's /etc/passwd|group. */
export type Owner = { user?: number | string; group?: number | string };

export interface FileActionOptions {
  owner?: Owner;
  /** Timestamp for what the action creates; unset leaves the current time. */
  createdTime?: Date;
}

export interface MkdirOptions extends FileActionOptions {
  /** Create missing parent directories too. */
  parents?: boolean;
}

export interface RmOptions {
  allowNotFound?: boolean;
  allowWildcard?: boolean;
}

export interface CopyOptions extends FileActionOptions {
  /** Permission bits for the copies; unset keeps the source's. */
  mode?: number;
  followSymlinks?: boolean;
  /** When the source is a directory, copy what is inside it rather than the directory. */
  contentsOnly?: boolean;
  /** Unpack a source archive (Dockerfile ADD semantics). */
  attemptUnpack?: boolean;
  createDestPath?: boolean;
  allowWildcard?: boolean;
  allowEmptyWildcard?: boolean;
  include?: readonly string[];
  exclude?: readonly string[];
}

export type FileStep =
  | { kind: 'mkdir'; path: string; mode: number; opts: MkdirOptions }
  | { kind: 'mkfile'; path: string; mode: number; data: Uint8Array; opts: FileActionOptions }
  | { kind: 'rm'; path: string; opts: RmOptions }
  | { kind: 'copy'; from: State; src: string; dest: string; opts: CopyOptions };

/** An immutable chain of file actions; each one works on the result of the one before. */
export class FileActions {
  constructor(readonly steps: readonly FileStep[] = []) {}

  /** Paths relative to the target state's working directory; mode is masked to permission bits. */
  mkdir(path: string, mode: number, opts: MkdirOptions = {}): FileActions {
    return new FileActions([...this.steps, { kind: 'mkdir', path, mode, opts }]);
  }

  mkfile(path: string, mode: number, data: string | Uint8Array, opts: FileActionOptions = {}): FileActions {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return new FileActions([...this.steps, { kind: 'mkfile', path, mode, data: bytes, opts }]);
  }

  rm(path: string, opts: RmOptions = {}): FileActions {
    return new FileActions([...this.steps, { kind: 'rm', path, opts }]);
  }

  /** Copies `src` (relative to `from`'s working directory) from another state to `dest`. */
  copy(from: State, src: string, dest: string, opts: CopyOptions = {}): FileActions {
    return new FileActions([...this.steps, { kind: 'copy', from, src, dest, opts }]);
  }
}

const start = new FileActions();

export function mkdir(...args: Parameters<FileActions['mkdir']>): FileActions {
  return start.mkdir(...args);
}

export function mkfile(...args: Parameters<FileActions['mkfile']>): FileActions {
  return start.mkfile(...args);
}

export function rm(...args: Parameters<FileActions['rm']>): FileActions {
  return start.rm(...args);
}

export function copy(...args: Parameters<FileActions['copy']>): FileActions {
  return start.copy(...args);
}

/** -1 tells BuildKit "not set" for timestamps (0 would mean the epoch). */
function timestamp(t: Date | undefined): bigint {
  return t === undefined ? -1n : BigInt(t.getTime()) * 1_000_000n;
}

function userOpt(v: number | string | undefined, base: number): pb.UserOpt | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'number' ? { byId: v } : { byName: { name: v, input: base } };
}

function chown(owner: Owner | undefined, base: number): pb.ChownOpt | undefined {
  return owner && { user: userOpt(owner.user, base), group: userOpt(owner.group, base) };
}

export class FileOp implements Vertex {
  constructor(
    private readonly base: State,
    private readonly actions: FileActions,
    private readonly opts: OpOptions,
  ) {
    if (actions.steps.length === 0) throw new Error('file: no actions given');
  }

  /** The base state's output first, then each copy source, as they appear in the op's inputs. */
  inputs(): readonly Output[] {
    const outs: Output[] = [];
    const add = (o: Output | undefined): void => {
      if (o && !outs.some((x) => sameOutput(x, o))) outs.push(o);
    };
    add(this.base.output);
    for (const s of this.actions.steps) if (s.kind === 'copy') add(s.from.output);
    return outs;
  }

  toOp(ctx: MarshalContext): { op: pb.Op; metadata: pb.OpMetadata } {
    const inputs: pb.Input[] = [];
    const inputIndex = (o: Output | undefined): number => {
      if (!o) return -1; // scratch
      const inp = ctx.input(o);
      const i = inputs.findIndex((x) => x.digest === inp.digest && x.index === inp.index);
      return i >= 0 ? i : inputs.push(inp) - 1;
    };
    const base = inputIndex(this.base.output);
    const secondary = this.actions.steps.map((s) => (s.kind === 'copy' ? inputIndex(s.from.output) : -1));
    const dir = this.base.cwd;
    const caps = new Set<Cap>([Cap.fileBase]);
    const steps = this.actions.steps;
    const actions = steps.map((s, i): pb.FileAction => {
      // Action k's result is addressed as input number len(inputs) + k.
      const input = i === 0 ? base : inputs.length + i - 1;
      const output = i === steps.length - 1 ? 0 : -1;
      return { input, secondaryInput: secondary[i], output, action: this.action(s, dir, base, caps) };
    });
    return {
      // A file op does not depend on a platform, so BuildKit's client sends none.
      op: { inputs, op: { file: { actions } }, constraints: {} },
      metadata: opMetadata(this.opts, caps),
    };
  }

  private action(s: FileStep, dir: string, base: number, caps: Set<Cap>): pb.FileAction['action'] {
    switch (s.kind) {
      case 'mkdir':
        return {
          mkdir: {
            path: resolvePath(dir, s.path),
            mode: s.mode & 0o777,
            makeParents: s.opts.parents,
            owner: chown(s.opts.owner, base),
            timestamp: timestamp(s.opts.createdTime),
          },
        };
      case 'mkfile':
        return {
          mkfile: {
            path: resolvePath(dir, s.path),
            mode: s.mode & 0o777,
            data: s.data,
            owner: chown(s.opts.owner, base),
            timestamp: timestamp(s.opts.createdTime),
          },
        };
      case 'rm':
        if (s.opts.allowWildcard) caps.add(Cap.fileRmWildcard);
        return {
          rm: {
            path: resolvePath(dir, s.path),
            allowNotFound: s.opts.allowNotFound,
            allowWildcard: s.opts.allowWildcard,
          },
        };
      case 'copy': {
        const o = s.opts;
        if (o.include?.length || o.exclude?.length) caps.add(Cap.fileCopyIncludeExcludePatterns);
        return {
          copy: {
            src: resolvePath(s.from.cwd, s.src),
            dest: resolveCopyDest(dir, s.dest),
            owner: chown(o.owner, base),
            mode: o.mode ?? -1,
            followSymlink: o.followSymlinks,
            dirCopyContents: o.contentsOnly,
            attemptUnpackDockerCompatibility: o.attemptUnpack,
            createDestPath: o.createDestPath,
            allowWildcard: o.allowWildcard,
            allowEmptyWildcard: o.allowEmptyWildcard,
            timestamp: timestamp(o.createdTime),
            includePatterns: o.include,
            excludePatterns: o.exclude,
          },
        };
      }
    }
  }
}
