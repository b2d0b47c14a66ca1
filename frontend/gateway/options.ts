// Frontend options: how the client's --opt / build flags reach us, and their typed reading.
// Only parsing lives here (the dockerui side of moby/buildkit's dockerui / dockerfile2llb split).
import { invalidArgument } from './frontend-error.js';
import { field, isObject } from './json-fields.js';
import type { ResolveMode } from './proto/image.js';
import type { Platform } from './proto/platform.js';
import type { CacheOptionsEntry } from './proto/solve.js';

const OPT_ENV = /^BUILDKIT_FRONTEND_OPT_(\d+)$/;

/**
 * Reads `BUILDKIT_FRONTEND_OPT_<i>=<key>=<value>` variables. The value is split on its first `=`;
 * without one the option has the empty value (e.g. `no-cache`). Indices carry no meaning (Go map
 * order) but are walked in order so the result is deterministic.
 */
export function frontendOptsFromEnv(env: NodeJS.ProcessEnv): Map<string, string> {
  const indexed: [number, string][] = [];
  for (const [name, value] of Object.entries(env)) {
    const match = OPT_ENV.exec(name);
    if (match?.[1] !== undefined && value !== undefined) indexed.push([Number(match[1]), value]);
  }
  indexed.sort(([a], [b]) => a - b);
  const opts = new Map<string, string>();
  for (const [, entry] of indexed) {
    const eq = entry.indexOf('=');
    if (eq < 0) opts.set(entry, '');
    else opts.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return opts;
}

export interface FrontendOptions {
  /** Every option as received, for the ones without an accessor (`source`, `cmdline`, ...). */
  raw: ReadonlyMap<string, string>;
  /** The definition file name (`-f`); `wasm.toml` by default. */
  filename: string;
  /** Local source name holding the definition file; `dockerfile` by default. */
  dockerfileKey: string;
  /** Local source name of the build context; `context` by default. */
  contextKey: string;
  target?: string;
  /** Target platforms, in the order given; empty when the option is absent. */
  platforms: Platform[];
  buildArgs: ReadonlyMap<string, string>;
  labels: ReadonlyMap<string, string>;
  /** `all` for a bare --no-cache, names for --no-cache-filter, undefined when caching is allowed. */
  noCache?: 'all' | readonly string[];
  imageResolveMode: ResolveMode;
  /** `cache-imports` (JSON) followed by the older `cache-from` registry refs. */
  cacheImports: CacheOptionsEntry[];
  /** A subrequest (`frontend.outline`, `frontend.subrequests.describe`, ...) instead of a build. */
  requestId?: string;
  /** Frontend caps the client asked for (`frontend.caps`). */
  frontendCaps: string[];
  /** `context:<name>` options: name to source (`docker-image://...`, `local:...`, `input:...`, ...). */
  namedContexts: ReadonlyMap<string, string>;
  /**
   * `attest:sbom` (buildx `--sbom`) without a `generator` of the user's: the frontend writes the SBOM
   * itself. With a generator BuildKit runs that scanner, as it does for every frontend.
   */
  sbom: boolean;
}

export const DEFAULT_FILENAME = 'wasm.toml';

function withPrefix(raw: ReadonlyMap<string, string>, prefix: string): Map<string, string> {
  const picked = [...raw].filter(([key]) => key.startsWith(prefix) && key.length > prefix.length);
  picked.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(picked.map(([key, value]) => [key.slice(prefix.length), value]));
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `os/arch[/variant]`, lower-cased. Clients (buildx) send platforms already normalised. */
export function parsePlatform(spec: string): Platform {
  const parts = spec.trim().toLowerCase().split('/');
  const [os, architecture, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || !os || !architecture || variant === '') {
    throw invalidArgument(`invalid platform "${spec}": expected os/architecture[/variant], e.g. wasi/wasm`);
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}

function parseResolveMode(value: string | undefined): ResolveMode {
  switch (value ?? '') {
    case '':
    case 'default':
      return 'default';
    case 'pull':
      return 'pull';
    case 'local':
      return 'local';
    default:
      throw invalidArgument(`invalid image-resolve-mode "${value}": expected default, pull or local`);
  }
}

function parseCacheImports(json: string | undefined, cacheFrom: string | undefined): CacheOptionsEntry[] {
  const entries: CacheOptionsEntry[] = [];
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      throw invalidArgument(`invalid cache-imports: ${(err as Error).message}`);
    }
    const bad = (why: string) => invalidArgument(`invalid cache-imports ${JSON.stringify(json)}: ${why}`);
    // `null` is what Go marshals for an empty list.
    if (parsed !== null && !Array.isArray(parsed)) throw bad('expected a JSON array');
    for (const item of (parsed ?? []) as unknown[]) {
      if (!isObject(item)) throw bad('expected objects with Type and Attrs');
      const type = field(item, 'type');
      const attrs = field(item, 'attrs') ?? {};
      if (typeof type !== 'string' || type === '') throw bad('an entry has no Type');
      if (!isObject(attrs) || !Object.values(attrs).every((v) => typeof v === 'string')) {
        throw bad('Attrs must map strings to strings');
      }
      entries.push({ type, attrs: new Map(Object.entries(attrs as Record<string, string>)) });
    }
  }
  for (const ref of commaList(cacheFrom)) entries.push({ type: 'registry', attrs: new Map([['ref', ref]]) });
  return entries;
}

/** Reads all options at once, so a bad value fails the build before any work starts. */
export function parseFrontendOptions(raw: ReadonlyMap<string, string>): FrontendOptions {
  const noCache = raw.get('no-cache');
  const target = raw.get('target');
  const requestId = raw.get('requestid');
  return {
    raw,
    filename: raw.get('filename') || DEFAULT_FILENAME,
    dockerfileKey: raw.get('dockerfilekey') || 'dockerfile',
    contextKey: raw.get('contextkey') || 'context',
    ...(target ? { target } : {}),
    platforms: commaList(raw.get('platform')).map(parsePlatform),
    buildArgs: withPrefix(raw, 'build-arg:'),
    labels: withPrefix(raw, 'label:'),
    ...(noCache === undefined ? {} : { noCache: noCache === '' ? 'all' : commaList(noCache) }),
    imageResolveMode: parseResolveMode(raw.get('image-resolve-mode')),
    cacheImports: parseCacheImports(raw.get('cache-imports'), raw.get('cache-from')),
    ...(requestId ? { requestId } : {}),
    frontendCaps: commaList(raw.get('frontend.caps')),
    namedContexts: withPrefix(raw, 'context:'),
    sbom: sbomRequested(raw.get('attest:sbom')),
  };
}

/** `attest:sbom` is comma-separated key=value params (BuildKit's attestations.Parse). */
function sbomRequested(value: string | undefined): boolean {
  if (value === undefined) return false;
  const params = new Map(
    commaList(value).map((kv) => {
      const eq = kv.indexOf('=');
      return eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
    }),
  );
  return params.get('disabled') !== 'true' && !params.has('generator');
}
