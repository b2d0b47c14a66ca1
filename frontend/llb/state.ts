// The fluent, immutable State API: a filesystem result (an op output, or scratch) plus the process
// settings (env, cwd, user, platform) that later execs on it inherit.
import { ExecOp, type RunOptions } from './exec.js';
import { FileActions, FileOp } from './file.js';
import { resolvePath } from './paths.js';
import type * as pb from './pb.js';
import type { OpOptions, Output } from './vertex.js';

import { parseEnvList, type ImageConfig } from '../../src/primitives/image-config.js';

export type { ImageConfig };

interface Settings {
  /** Insertion-ordered; a key set again moves to the end, as in BuildKit's client. */
  readonly env: readonly (readonly [string, string])[];
  readonly cwd: string;
  readonly user: string;
  readonly platform: pb.Platform | undefined;
  /** Secret ids every exec on this state mounts at /run/secrets/<id> (BuildKit's default place). */
  readonly secrets: readonly string[];
}

const defaults: Settings = { env: [], cwd: '/', user: '', platform: undefined, secrets: [] };

type EnvList = Settings['env'];

function setEnv(env: EnvList, key: string, value: string): EnvList {
  if (key === '' || key.includes('='))
    throw new Error(`invalid environment variable name ${JSON.stringify(key)}`);
  return [...env.filter(([k]) => k !== key), [key, value]];
}

export class State {
  /** Use the source functions (`image`, `local`, ..., `scratch`) rather than this constructor. */
  constructor(
    /** The op output this state's filesystem is; undefined for scratch (an empty filesystem). */
    readonly output: Output | undefined,
    private readonly settings: Settings = defaults,
  ) {}

  get cwd(): string {
    return this.settings.cwd;
  }

  get user(): string {
    return this.settings.user;
  }

  get platform(): pb.Platform | undefined {
    return this.settings.platform;
  }

  /** The environment as a map, in order: what an exec on this state sees. */
  get environment(): ReadonlyMap<string, string> {
    return new Map(this.settings.env);
  }

  /** The environment as `KEY=value` strings, in order. */
  get env(): string[] {
    return this.settings.env.map(([k, v]) => `${k}=${v}`);
  }

  getEnv(key: string): string | undefined {
    return this.settings.env.find(([k]) => k === key)?.[1];
  }

  /** This state's settings on another filesystem. */
  withOutput(output: Output | undefined): State {
    return new State(output, this.settings);
  }

  withEnv(key: string, value: string): State {
    return new State(this.output, { ...this.settings, env: setEnv(this.settings.env, key, value) });
  }

  /** Sets the working directory; a relative `dir` is taken from the current one. */
  withCwd(dir: string): State {
    return new State(this.output, { ...this.settings, cwd: resolvePath(this.settings.cwd, dir) });
  }

  withUser(user: string): State {
    return new State(this.output, { ...this.settings, user });
  }

  withPlatform(platform: pb.Platform): State {
    return new State(this.output, { ...this.settings, platform });
  }

  /**
   * Applies what an image's config says about its processes: Env (in order), WorkingDir, User, and
   * the platform when both os and architecture are given. LLB never does this by itself.
   */
  /** Applies the parts of an image config that matter to execs: Env, WorkingDir, User, platform. */
  withImageConfig(image: Partial<ImageConfig>): State {
    let { env, cwd, user, platform } = this.settings;
    const { secrets } = this.settings;
    for (const [key, value] of parseEnvList(image.config?.Env)) env = setEnv(env, key, value);
    if (image.config?.WorkingDir) cwd = resolvePath(cwd, image.config.WorkingDir);
    if (image.config?.User) user = image.config.User;
    if (image.architecture && image.os) {
      platform = {
        architecture: image.architecture,
        os: image.os,
        variant: image.variant,
        osVersion: image['os.version'],
      };
    }
    return new State(this.output, { env, cwd, user, platform, secrets });
  }

  /** Every exec on this state (and on what it builds) mounts these secrets, required, read-only. */
  withSecrets(ids: readonly string[]): State {
    return new State(this.output, {
      ...this.settings,
      secrets: [...new Set([...this.settings.secrets, ...ids])],
    });
  }

  /** Runs a command on this state's filesystem; the result's root is the changed filesystem. */
  run(opts: RunOptions): ExecState {
    const extra = opts.env === undefined ? [] : Array.isArray(opts.env) ? opts.env : Object.entries(opts.env);
    let env = this.settings.env;
    for (const [k, v] of extra as readonly (readonly [string, string])[]) env = setEnv(env, k, v);
    const exec = new ExecOp({
      root: this.output,
      args: opts.args,
      env: env.map(([k, v]) => `${k}=${v}`),
      cwd: opts.cwd === undefined ? this.cwd : resolvePath(this.cwd, opts.cwd),
      user: opts.user ?? this.user,
      hostname: opts.hostname,
      network: opts.network ?? 'sandbox',
      security: opts.security ?? 'sandbox',
      mounts: [
        ...(opts.mounts ?? []),
        ...this.settings.secrets
          .filter((id) => !opts.mounts?.some((m) => m.type === 'secret' && m.id === id))
          .map((id) => ({ type: 'secret' as const, dest: `/run/secrets/${id}`, id })),
      ],
      secretEnv: opts.secretEnv ?? [],
      validExitCodes: opts.validExitCodes,
      platform: opts.platform ?? this.platform,
      customName: opts.customName,
      progressGroup: opts.progressGroup,
      ignoreCache: opts.ignoreCache,
    });
    return new ExecState(exec, opts, this.settings);
  }

  /** Applies a chain of file actions (`mkdir(...).copy(...)`) to this state. */
  file(actions: FileActions, opts: OpOptions = {}): State {
    return this.withOutput({ vertex: new FileOp(this, actions, opts), index: 0 });
  }
}

/** The root filesystem after an exec; `mount(dest)` gives the state of another mount after it. */
export class ExecState extends State {
  constructor(
    private readonly exec: ExecOp,
    private readonly opts: RunOptions,
    settings: Settings,
  ) {
    super({ vertex: exec, index: exec.outputIndex('/') }, settings);
  }

  /**
   * The filesystem at `dest` after the exec: a new output for a writable bind mount, the unchanged
   * source for a read-only one. Cache, tmpfs and secret mounts leave nothing to build on.
   */
  mount(dest: string): State {
    if (dest === '/') return this;
    const m = this.opts.mounts?.find((x) => x.dest === dest);
    if (!m) throw new Error(`run: no mount at ${dest}`);
    if (m.type !== 'bind') throw new Error(`run: the ${m.type} mount at ${dest} has no output to build on`);
    if (m.readonly) return m.source;
    return m.source.withOutput({ vertex: this.exec, index: this.exec.outputIndex(m.dest) });
  }
}
