// Plain-data shapes of the LLB messages we emit (package `pb`, moby/buildkit solver/pb/ops.proto).
// Field names follow the proto JSON names. An absent optional scalar means the proto3 zero value; an
// absent message field means "not set", while `{}` is a present, empty message (it is written).

import type { Platform } from '../../src/primitives/platform.js';

export type { Platform };

export interface Input {
  digest: string;
  index: number;
}

export interface WorkerConstraints {
  filter?: readonly string[];
}

export interface ProgressGroup {
  id: string;
  name?: string;
  weak?: boolean;
}

export interface ExportCache {
  value?: boolean;
}

export interface OpMetadata {
  ignoreCache?: boolean;
  description?: Readonly<Record<string, string>>;
  /** Never set by this library; kept when a foreign Definition is spliced in (`fromDefinition`). */
  exportCache?: ExportCache;
  caps?: Readonly<Record<string, boolean>>;
  progressGroup?: ProgressGroup;
}

export interface SourceOp {
  identifier: string;
  attrs?: Readonly<Record<string, string>>;
}

export const NetMode = { UNSET: 0, HOST: 1, NONE: 2 } as const;
export type NetMode = (typeof NetMode)[keyof typeof NetMode];

export const SecurityMode = { SANDBOX: 0, INSECURE: 1 } as const;
export type SecurityMode = (typeof SecurityMode)[keyof typeof SecurityMode];

export const MountType = { BIND: 0, SECRET: 1, SSH: 2, CACHE: 3, TMPFS: 4 } as const;
export type MountType = (typeof MountType)[keyof typeof MountType];

export const CacheSharingOpt = { SHARED: 0, PRIVATE: 1, LOCKED: 2 } as const;
export type CacheSharingOpt = (typeof CacheSharingOpt)[keyof typeof CacheSharingOpt];

export interface Meta {
  args: readonly string[];
  env?: readonly string[];
  cwd?: string;
  user?: string;
  hostname?: string;
  removeMountStubsRecursive?: boolean;
  validExitCodes?: readonly number[];
}

export interface CacheOpt {
  id?: string;
  sharing?: CacheSharingOpt;
}

export interface SecretOpt {
  id?: string;
  uid?: number;
  gid?: number;
  mode?: number;
  optional?: boolean;
}

export interface TmpfsOpt {
  size?: number;
}

export interface Mount {
  input?: number;
  selector?: string;
  dest?: string;
  output?: number;
  readonly?: boolean;
  mountType?: MountType;
  tmpfsOpt?: TmpfsOpt;
  cacheOpt?: CacheOpt;
  secretOpt?: SecretOpt;
}

export interface SecretEnv {
  id?: string;
  name?: string;
  optional?: boolean;
}

export interface ExecOp {
  meta?: Meta;
  mounts?: readonly Mount[];
  network?: NetMode;
  security?: SecurityMode;
  secretenv?: readonly SecretEnv[];
}

/** A user or group for chown: `byName` is resolved against /etc/passwd|group of action input `input`. */
export type UserOpt = { byName: { name: string; input?: number } } | { byId: number };

export interface ChownOpt {
  user?: UserOpt;
  group?: UserOpt;
}

export interface FileActionCopy {
  src?: string;
  dest?: string;
  owner?: ChownOpt;
  /** -1 keeps the source mode; 0 really means mode 0000. */
  mode?: number;
  followSymlink?: boolean;
  dirCopyContents?: boolean;
  attemptUnpackDockerCompatibility?: boolean;
  createDestPath?: boolean;
  allowWildcard?: boolean;
  allowEmptyWildcard?: boolean;
  /** Nanoseconds since the epoch; -1 = unset, 0 = the epoch itself. */
  timestamp?: bigint;
  includePatterns?: readonly string[];
  excludePatterns?: readonly string[];
}

export interface FileActionMkFile {
  path?: string;
  mode?: number;
  data?: Uint8Array;
  owner?: ChownOpt;
  timestamp?: bigint;
}

export interface FileActionMkDir {
  path?: string;
  mode?: number;
  makeParents?: boolean;
  owner?: ChownOpt;
  timestamp?: bigint;
}

export interface FileActionRm {
  path?: string;
  allowNotFound?: boolean;
  allowWildcard?: boolean;
}

export interface FileAction {
  input?: number;
  secondaryInput?: number;
  output?: number;
  action:
    | { copy: FileActionCopy }
    | { mkfile: FileActionMkFile }
    | { mkdir: FileActionMkDir }
    | { rm: FileActionRm };
}

export interface FileOp {
  actions: readonly FileAction[];
}

export interface MergeOp {
  inputs: readonly { input: number }[];
}

export interface Op {
  inputs?: readonly Input[];
  op?: { exec: ExecOp } | { source: SourceOp } | { file: FileOp } | { merge: MergeOp };
  platform?: Platform;
  constraints?: WorkerConstraints;
}

export interface Definition {
  def: readonly Uint8Array[];
  metadata?: Readonly<Record<string, OpMetadata>>;
}
