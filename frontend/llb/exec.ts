// ExecOp: runs a command with the base state as its root and extra mounts around it.
import { Cap } from './caps.js';
import type * as pb from './pb.js';
import { CacheSharingOpt, MountType, NetMode, SecurityMode } from './pb.js';
import type { State } from './state.js';
import {
  opMetadata,
  sameOutput,
  type MarshalContext,
  type OpOptions,
  type Output,
  type Vertex,
} from './vertex.js';
import { compareUtf8 } from '../proto/write.js';

export type CacheSharing = 'shared' | 'private' | 'locked';
export type NetworkMode = 'sandbox' | 'host' | 'none';

export type MountSpec =
  /** `source` (possibly below `selector`) at `dest`; writable mounts give the exec a new output. */
  | { type: 'bind'; dest: string; source: State; selector?: string; readonly?: boolean }
  /** A persistent cache directory shared between builds by `id`. */
  | { type: 'cache'; dest: string; id: string; sharing?: CacheSharing }
  | { type: 'tmpfs'; dest: string; size?: number }
  /** The secret `id` from the client session as a file; mode defaults to 0400 like BuildKit's client. */
  | {
      type: 'secret';
      dest: string;
      id: string;
      uid?: number;
      gid?: number;
      mode?: number;
      optional?: boolean;
    };

export interface SecretEnvSpec {
  /** Secret id in the client session. */
  id: string;
  /** Environment variable that receives it. */
  name: string;
  optional?: boolean;
}

export interface RunOptions extends OpOptions {
  args: readonly string[];
  /** Added after the state's environment, in the order given (a key set again moves to the end). */
  env?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  /** Working directory; relative to the state's. */
  cwd?: string;
  user?: string;
  hostname?: string;
  network?: NetworkMode;
  /** `insecure` needs the daemon's security.insecure entitlement. */
  security?: 'sandbox' | 'insecure';
  mounts?: readonly MountSpec[];
  secretEnv?: readonly SecretEnvSpec[];
  /** Exit codes counted as success (default: only 0). */
  validExitCodes?: readonly number[];
  /** Platform to run on; defaults to the state's, then to the marshal default. */
  platform?: pb.Platform;
}

/** Everything the exec needs, already resolved against the base state. */
export interface ExecSpec extends OpOptions {
  root: Output | undefined;
  args: readonly string[];
  env: readonly string[];
  cwd: string;
  user: string;
  hostname: string | undefined;
  network: NetworkMode;
  security: 'sandbox' | 'insecure';
  mounts: readonly MountSpec[];
  secretEnv: readonly SecretEnvSpec[];
  validExitCodes: readonly number[] | undefined;
  platform: pb.Platform | undefined;
}

/** A non-secret mount in wire order, with the output index it produces (-1: none). */
interface PlacedMount {
  dest: string;
  source: Output | undefined;
  spec: Exclude<MountSpec, { type: 'secret' }> | undefined;
  output: number;
}

const sharingOpt: Record<CacheSharing, CacheSharingOpt> = {
  shared: CacheSharingOpt.SHARED,
  private: CacheSharingOpt.PRIVATE,
  locked: CacheSharingOpt.LOCKED,
};

const netMode: Record<NetworkMode, NetMode> = {
  sandbox: NetMode.UNSET,
  host: NetMode.HOST,
  none: NetMode.NONE,
};

export class ExecOp implements Vertex {
  /** Root and non-secret mounts sorted by dest ("/" first), as BuildKit numbers outputs in that order. */
  private readonly placed: readonly PlacedMount[];
  private readonly secrets: readonly Extract<MountSpec, { type: 'secret' }>[];

  constructor(private readonly spec: ExecSpec) {
    if (spec.args.length === 0) throw new Error('run: args must not be empty');
    const seen = new Set<string>(['/']);
    for (const m of spec.mounts) {
      if (!m.dest.startsWith('/'))
        throw new Error(`run: mount dest ${JSON.stringify(m.dest)} must be absolute`);
      if (seen.has(m.dest))
        throw new Error(`run: more than one mount at ${m.dest} (the root is the state itself)`);
      seen.add(m.dest);
      if (m.type === 'cache' && m.id === '') throw new Error(`run: cache mount at ${m.dest} needs an id`);
    }
    const unsorted: Omit<PlacedMount, 'output'>[] = [{ dest: '/', source: spec.root, spec: undefined }];
    for (const m of spec.mounts) {
      if (m.type === 'secret') continue;
      unsorted.push({ dest: m.dest, source: m.type === 'bind' ? m.source.output : undefined, spec: m });
    }
    unsorted.sort((a, b) => compareUtf8(a.dest, b.dest));
    let next = 0;
    this.placed = unsorted.map((m) => {
      const writable = m.spec === undefined || (m.spec.type === 'bind' && !m.spec.readonly);
      return { ...m, output: writable ? next++ : -1 };
    });
    this.secrets = spec.mounts.filter((m) => m.type === 'secret');
  }

  /** The output index of the root or the writable bind mount at `dest`, or -1. */
  outputIndex(dest: string): number {
    return this.placed.find((m) => m.dest === dest)?.output ?? -1;
  }

  inputs(): readonly Output[] {
    const out: Output[] = [];
    for (const m of this.placed) {
      if (m.source && !out.some((o) => sameOutput(o, m.source!))) out.push(m.source);
    }
    return out;
  }

  toOp(ctx: MarshalContext): { op: pb.Op; metadata: pb.OpMetadata } {
    const s = this.spec;
    const inputs: pb.Input[] = [];
    const inputIndex = (o: Output): number => {
      const inp = ctx.input(o);
      const i = inputs.findIndex((x) => x.digest === inp.digest && x.index === inp.index);
      return i >= 0 ? i : inputs.push(inp) - 1;
    };
    const caps = new Set<Cap>([Cap.execMetaBase]);
    const mounts: pb.Mount[] = this.placed.map((m) => {
      const pm: pb.Mount = { input: m.source ? inputIndex(m.source) : -1, dest: m.dest, output: m.output };
      const spec = m.spec;
      if (spec?.type === 'cache') {
        pm.mountType = MountType.CACHE;
        pm.cacheOpt = { id: spec.id, sharing: sharingOpt[spec.sharing ?? 'shared'] };
        caps.add(Cap.execMountCache).add(Cap.execMountCacheSharing);
      } else if (spec?.type === 'tmpfs') {
        pm.mountType = MountType.TMPFS;
        pm.tmpfsOpt = { size: spec.size };
        caps.add(Cap.execMountTmpfs);
        if (spec.size) caps.add(Cap.execMountTmpfsSize);
      } else {
        if (spec?.readonly) pm.readonly = true;
        if (spec?.selector) {
          pm.selector = spec.selector;
          caps.add(Cap.execMountSelector);
        }
        if (m.source) caps.add(Cap.execMountBind);
      }
      return pm;
    });
    // Secret mounts follow the sorted ones with no output field set, exactly as BuildKit's Go client
    // writes them; the daemon never reads an output from a secret mount.
    for (const sm of this.secrets) {
      mounts.push({
        input: -1,
        dest: sm.dest,
        mountType: MountType.SECRET,
        secretOpt: { id: sm.id, uid: sm.uid, gid: sm.gid, mode: sm.mode ?? 0o400, optional: sm.optional },
      });
    }
    if (this.secrets.length > 0 || s.secretEnv.length > 0) caps.add(Cap.execMountSecret);
    if (s.secretEnv.length > 0) caps.add(Cap.execSecretEnv);
    if (s.network !== 'sandbox') caps.add(Cap.execMetaNetwork);
    if (s.security === 'insecure') caps.add(Cap.execMetaSecurity);
    if (s.validExitCodes) caps.add(Cap.execValidExitCode);

    const exec: pb.ExecOp = {
      meta: {
        args: s.args,
        env: s.env,
        cwd: s.cwd,
        user: s.user,
        hostname: s.hostname,
        // Drop the empty mount-point directories the mounts leave in the root output (as Go does).
        removeMountStubsRecursive: true,
        validExitCodes: s.validExitCodes,
      },
      mounts,
      network: netMode[s.network],
      security: s.security === 'insecure' ? SecurityMode.INSECURE : SecurityMode.SANDBOX,
      secretenv: s.secretEnv.map((e) => ({ id: e.id, name: e.name, optional: e.optional })),
    };
    return {
      op: { inputs, op: { exec }, platform: s.platform ?? ctx.platform, constraints: {} },
      metadata: opMetadata(s, caps),
    };
  }
}
