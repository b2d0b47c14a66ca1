// SourceOp and the states it starts from: images, the client's local directories, git, HTTP.
import { Cap } from './caps.js';
import { cleanPath } from './paths.js';
import type * as pb from './pb.js';
import { qualifiedReference } from '../../src/primitives/reference.js';
import { State } from './state.js';
import { opMetadata, type MarshalContext, type OpOptions, type Output, type Vertex } from './vertex.js';

class SourceOp implements Vertex {
  constructor(
    private readonly identifier: string,
    private readonly attrs: Readonly<Record<string, string>>,
    private readonly opts: OpOptions,
    private readonly caps: readonly Cap[],
    /** Only image sources depend on a platform (it picks the manifest); the others send none. */
    private readonly platformSpecific = false,
    private readonly platform?: pb.Platform,
  ) {}

  inputs(): readonly Output[] {
    return [];
  }

  toOp(ctx: MarshalContext): { op: pb.Op; metadata: pb.OpMetadata } {
    return {
      op: {
        op: { source: { identifier: this.identifier, attrs: this.attrs } },
        platform: this.platformSpecific ? (this.platform ?? ctx.platform) : undefined,
        constraints: {},
      },
      metadata: opMetadata(this.opts, this.caps),
    };
  }
}

function sourceState(op: SourceOp, platform?: pb.Platform): State {
  const s = new State({ vertex: op, index: 0 });
  return platform ? s.withPlatform(platform) : s;
}

/** Go's json.Marshal of a string list (it escapes <, >, & and U+2028/9, JSON.stringify does not). */
function goJsonList(list: readonly string[]): string {
  return JSON.stringify(list).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export interface ImageOptions extends OpOptions {
  /** Which manifest to use; also becomes the state's platform. Defaults to the marshal platform. */
  platform?: pb.Platform;
  /** `pull` always checks the registry, `local` prefers an image the daemon already has. */
  resolveMode?: 'default' | 'pull' | 'local';
}

/** A registry image; `ref` is normalized the way docker does (`alpine` -> `docker.io/library/alpine:latest`). */
export function image(ref: string, opts: ImageOptions = {}): State {
  const attrs: Record<string, string> = {};
  const caps: Cap[] = [Cap.sourceImage];
  if (opts.resolveMode && opts.resolveMode !== 'default') {
    attrs['image.resolvemode'] = opts.resolveMode;
    // Only a forced pull changes what a daemon without the cap would do in a way that matters.
    if (opts.resolveMode === 'pull') caps.push(Cap.sourceImageResolveMode);
  }
  const op = new SourceOp(
    `docker-image://${qualifiedReference(ref)}`,
    attrs,
    opts,
    caps,
    true,
    opts.platform,
  );
  return sourceState(op, opts.platform);
}

export interface LocalOptions extends OpOptions {
  /** The client session holding the directory (BUILDKIT_SESSION_ID in a frontend). */
  sessionId?: string;
  include?: readonly string[];
  exclude?: readonly string[];
  /** Paths (and what symlinks among them point to) to transfer; everything else is skipped. */
  followPaths?: readonly string[];
  /** Lets transfers of the same directory share a cache under this name. */
  sharedKeyHint?: string;
  /** `none` re-sends every file; `metadata` (the daemon default) compares file metadata. */
  differ?: 'none' | 'metadata';
}

/** A directory the client sends (a build context, or the directory holding wasm.toml). */
export function local(name: string, opts: LocalOptions = {}): State {
  const attrs: Record<string, string> = {};
  const caps: Cap[] = [Cap.sourceLocal];
  if (opts.sessionId) {
    attrs['local.session'] = opts.sessionId;
    caps.push(Cap.sourceLocalSessionId);
  }
  if (opts.include?.length) {
    attrs['local.includepattern'] = goJsonList(opts.include); // singular key, as BuildKit spells it
    caps.push(Cap.sourceLocalIncludePatterns);
  }
  if (opts.followPaths?.length) {
    attrs['local.followpaths'] = goJsonList(opts.followPaths);
    caps.push(Cap.sourceLocalFollowPaths);
  }
  if (opts.exclude?.length) {
    attrs['local.excludepatterns'] = goJsonList(opts.exclude);
    caps.push(Cap.sourceLocalExcludePatterns);
  }
  if (opts.sharedKeyHint) {
    attrs['local.sharedkeyhint'] = opts.sharedKeyHint;
    caps.push(Cap.sourceLocalSharedKeyHint);
  }
  if (opts.differ) attrs['local.differ'] = opts.differ;
  return sourceState(new SourceOp(`local://${name}`, attrs, opts, caps));
}

/**
 * A git checkout of `ref` (branch, tag or commit; default branch if omitted) from an http(s) or
 * git:// remote. A remote without a scheme gets https://, as in BuildKit's client.
 */
export function git(remote: string, ref?: string, opts: OpOptions = {}): State {
  const unsupported = (): Error =>
    new Error(`git: unsupported remote ${JSON.stringify(remote)} (use an https://, http:// or git:// URL)`);
  const hasScheme = /^[a-zA-Z0-9]+:\/\//.test(remote);
  // scp-style `user@host:path` means ssh, which would need the client's SSH agent forwarded.
  if (!hasScheme && /^[^/]*@[^/]*:/.test(remote)) throw unsupported();
  const url = new URL(hasScheme ? remote : `https://${remote}`);
  if (!['https:', 'http:', 'git:'].includes(url.protocol)) throw unsupported();
  url.hash = '';
  url.search = '';
  // The id leaves out the scheme so one repository gets one cache key however it is fetched.
  let id = `${url.host}${cleanPath(url.pathname)}`;
  if (ref) id += `#${ref}`;
  const attrs = {
    'git.fullurl': url.href,
    // Secret names the daemon tries for credentials; the client decides whether they exist.
    'git.authtokensecret': 'GIT_AUTH_TOKEN',
    'git.authheadersecret': 'GIT_AUTH_HEADER',
  };
  return sourceState(new SourceOp(`git://${id}`, attrs, opts, [Cap.sourceGit, Cap.sourceGitFullUrl]));
}

export interface HttpOptions extends OpOptions {
  /** Expected digest of the download (`sha256:...`); the build fails on a mismatch. */
  checksum?: string;
  /** File name in the result (default: from the URL). */
  filename?: string;
  /** Permission bits of the file, e.g. 0o755. */
  perm?: number;
}

/** A single file downloaded over HTTP(S). */
export function http(url: string, opts: HttpOptions = {}): State {
  const attrs: Record<string, string> = {};
  const caps: Cap[] = [];
  if (opts.checksum) {
    attrs['http.checksum'] = opts.checksum;
    caps.push(Cap.sourceHttpChecksum);
  }
  if (opts.filename) attrs['http.filename'] = opts.filename;
  const perm = (opts.perm ?? 0) & 0o777;
  if (perm !== 0) {
    attrs['http.perm'] = `0${perm.toString(8)}`;
    caps.push(Cap.sourceHttpPerm);
  }
  caps.push(Cap.sourceHttp);
  return sourceState(new SourceOp(url, attrs, opts, caps));
}

/** An empty filesystem. */
export function scratch(): State {
  return new State(undefined);
}
