// What a module's language build used, read from the lock files and manifests beside its sources: the
// dependencies an SBOM of the module lists (the image holds one .wasm file, so scanning it finds nothing).
// Each parser takes the file's text and returns packages in the file's order; a file it cannot read is an
// error naming the file, never an SBOM that silently lists less.
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';

export interface Dependency {
  name: string;
  version: string;
  /** Package URL (purl), the identifier scanners and vulnerability databases match on. */
  purl: string;
  /** Where the package came from, as the lock file records it. */
  downloadLocation?: string;
  /** A digest of the package archive, where the lock file has one that is a plain file digest. */
  checksum?: { algorithm: 'SHA256' | 'SHA512'; hex: string };
  /** A lock file's own integrity value that is not a file digest (Go's h1:, Zig's multihash). */
  integrity?: string;
}

export class LockfileError extends Error {
  override readonly name = 'LockfileError';
}

/** Reads a file of the module's source directory; undefined when there is none. */
export type ReadSource = (name: string) => Promise<string | undefined>;

/** The dependencies of a module in `language`, from the files its build reads (none for C and C++). */
export async function readDependencies(language: string, read: ReadSource): Promise<Dependency[]> {
  const parse = async (name: string, parser: (text: string) => Dependency[]) => {
    const text = await read(name);
    return text === undefined ? [] : parser(text);
  };
  switch (language) {
    case 'rust':
      return parse('Cargo.lock', parseCargoLock);
    case 'go':
    case 'tinygo': {
      const goSum = (await read('go.sum')) ?? '';
      return parse('go.mod', (text) => parseGoModules(text, goSum));
    }
    case 'assemblyscript':
      return parse('package-lock.json', parsePackageLock);
    case 'zig':
      return parse('build.zig.zon', parseZigZon);
    default:
      return [];
  }
}

/**
 * Cargo.lock: every `[[package]]` from a registry or git (the workspace's own crates have no source).
 * crates.io's `checksum` is the SHA-256 of the .crate file.
 */
export function parseCargoLock(text: string): Dependency[] {
  let doc: unknown;
  try {
    doc = getStaticTOMLValue(parseTOML(text));
  } catch (e) {
    throw new LockfileError(`Cargo.lock is not valid TOML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const packages = (doc as { package?: unknown }).package;
  if (!Array.isArray(packages)) return [];
  const out: Dependency[] = [];
  for (const p of packages as Record<string, unknown>[]) {
    const { name, version, source, checksum } = p;
    if (typeof name !== 'string' || typeof version !== 'string' || typeof source !== 'string') continue;
    const registry = source.startsWith('registry+');
    out.push({
      name,
      version,
      purl: `pkg:cargo/${name}@${version}`,
      downloadLocation: registry
        ? `https://crates.io/api/v1/crates/${name}/${version}/download`
        : source.replace(/^git\+/, 'git+'),
      ...(typeof checksum === 'string' && /^[0-9a-f]{64}$/.test(checksum)
        ? { checksum: { algorithm: 'SHA256' as const, hex: checksum } }
        : {}),
    });
  }
  return out;
}

/**
 * go.mod's `require` lines (since Go 1.17 the module graph the build uses, indirect ones included), with
 * go.sum's `h1:` hash of each module's tree where `goSum` is given. `replace` directives are honoured.
 */
export function parseGoModules(goMod: string, goSum = ''): Dependency[] {
  const requires: [string, string][] = [];
  const replaces = new Map<string, [string, string | undefined]>();
  let block: 'require' | 'replace' | undefined;
  for (const raw of goMod.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (block && line === ')') {
      block = undefined;
      continue;
    }
    const opened = /^(require|replace)\s*\($/.exec(line);
    if (opened) {
      block = opened[1] as 'require' | 'replace';
      continue;
    }
    const single = /^(require|replace)\s+(.*)$/.exec(line);
    const kind = block ?? (single?.[1] as 'require' | 'replace' | undefined);
    const body = block ? line : single?.[2];
    if (!kind || body === undefined) continue;
    if (kind === 'require') {
      const [path, version] = body.split(/\s+/);
      if (path && version) requires.push([unquote(path), version]);
    } else {
      const m = /^(\S+)(?:\s+\S+)?\s*=>\s*(\S+)(?:\s+(\S+))?$/.exec(body);
      if (m) replaces.set(unquote(m[1]!), [unquote(m[2]!), m[3]]);
    }
  }
  const sums = new Map<string, string>();
  for (const line of goSum.split('\n')) {
    const [path, version, hash] = line.trim().split(/\s+/);
    if (path && version && hash && !version.endsWith('/go.mod')) sums.set(`${path} ${version}`, hash);
  }
  return requires.map(([path, version]) => {
    const replaced = replaces.get(path);
    // A replacement by a local directory (no version) is source in the context, not a module download.
    const [name, ver] = replaced?.[1] ? [replaced[0], replaced[1]] : [path, version];
    const h1 = sums.get(`${name} ${ver}`);
    return {
      name,
      version: ver,
      purl: `pkg:golang/${name}@${ver}`,
      downloadLocation: `https://proxy.golang.org/${escapeGoPath(name)}/@v/${ver}.zip`,
      ...(h1 ? { integrity: h1 } : {}),
    };
  });
}

function unquote(s: string): string {
  return s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

/** The module proxy's case encoding: an upper-case letter is `!` and its lower case. */
function escapeGoPath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/**
 * package-lock.json (lockfileVersion 2 and 3): every installed package under `node_modules/`, with the
 * tarball's sha512 or sha256 from its `integrity`.
 */
export function parsePackageLock(text: string): Dependency[] {
  let doc: { packages?: Record<string, Record<string, unknown>> };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (e) {
    throw new LockfileError(
      `package-lock.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!doc.packages) {
    throw new LockfileError('package-lock.json has no "packages": regenerate it with npm 7 or later');
  }
  const out: Dependency[] = [];
  for (const [key, p] of Object.entries(doc.packages)) {
    if (!key.includes('node_modules/') || p.link === true || typeof p.version !== 'string') continue;
    const name = typeof p.name === 'string' ? p.name : key.slice(key.lastIndexOf('node_modules/') + 13);
    const [scope, bare] = name.startsWith('@') ? name.split('/') : [undefined, name];
    const purlName = scope ? `${encodeURIComponent(scope)}/${bare}` : name;
    out.push({
      name,
      version: p.version,
      purl: `pkg:npm/${purlName}@${p.version}`,
      ...(typeof p.resolved === 'string' ? { downloadLocation: p.resolved } : {}),
      ...integrityChecksum(p.integrity),
    });
  }
  return out;
}

/** An SRI value (`sha512-<base64>`) as a hex checksum, for the algorithms SPDX has. */
function integrityChecksum(integrity: unknown): Pick<Dependency, 'checksum'> {
  if (typeof integrity !== 'string') return {};
  const m = /^(sha256|sha512)-([A-Za-z0-9+/=]+)$/.exec(integrity.split(/\s+/)[0] ?? '');
  if (!m) return {};
  const hex = Buffer.from(m[2]!, 'base64').toString('hex');
  return { checksum: { algorithm: m[1] === 'sha256' ? 'SHA256' : 'SHA512', hex } };
}

/**
 * build.zig.zon: each entry of `.dependencies` with a `.url` and its `.hash` (Zig's package hash, a
 * multihash of the unpacked tree). A path dependency is source in the context, not a package.
 */
export function parseZigZon(text: string): Dependency[] {
  // Comments start after whitespace; the `//` of a URL follows its scheme's colon.
  const uncommented = text.replace(/(^|\s)\/\/[^\n]*/g, '$1');
  const deps = /\.dependencies\s*=\s*\.\{([\s\S]*)\}/.exec(uncommented);
  if (!deps) return [];
  const out: Dependency[] = [];
  const entry = /\.(@"[^"]+"|[A-Za-z_][\w]*)\s*=\s*\.\{([^{}]*)\}/g;
  for (const m of deps[1]!.matchAll(entry)) {
    const field = (key: string) => new RegExp(`\\.${key}\\s*=\\s*"([^"]*)"`).exec(m[2]!)?.[1];
    const url = field('url');
    if (!url) continue;
    const name = m[1]!.replace(/^@"|"$/g, '');
    const hash = field('hash');
    // A package has no version of its own in the manifest: its hash pins it.
    const version = hash ?? 'unknown';
    out.push({
      name,
      version,
      purl: `pkg:generic/${name}@${encodeURIComponent(version)}?download_url=${encodeURIComponent(url)}`,
      downloadLocation: url,
      ...(hash ? { integrity: hash } : {}),
    });
  }
  return out;
}
