// Where credentials come from: explicit values, a GitHub token for ghcr.io, and Docker's config.json
// (`auths`, `credsStore`, `credHelpers`, with `docker-credential-<helper> get`), as the docker CLI
// resolves them. Stores answer per registry name (`docker.io`, `ghcr.io`, `127.0.0.1:5000`).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CredentialHelperError, OciError } from './errors.js';
import { dockerHub } from './reference.js';

export type Credential =
  | { kind: 'basic'; username: string; password: string }
  /** An OAuth2 refresh token (docker's `identitytoken`), exchanged at the token server. */
  | { kind: 'identityToken'; token: string; username?: string }
  /** A bearer token sent to the registry as is (docker's `registrytoken`). */
  | { kind: 'registryToken'; token: string };

export interface CredentialStore {
  /** Credentials for a registry, or undefined to go anonymous. Called only when a registry asks. */
  get(registry: string): Promise<Credential | undefined>;
}

/** Docker stores Docker Hub under its legacy index URL; other registries under their host. */
const dockerHubConfigKey = 'https://index.docker.io/v1/';
const dockerHubAliases = new Set([dockerHub, 'index.docker.io', 'registry-1.docker.io']);

/** The host a config.json key names (`https://host/v1/` -> `host`), Docker Hub folded to docker.io. */
export function normalizeConfigKey(key: string): string {
  let k = key.trim();
  k = k.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = k.indexOf('/');
  if (slash >= 0) k = k.slice(0, slash);
  k = k.toLowerCase();
  return dockerHubAliases.has(k) ? dockerHub : k;
}

/** What a credential helper is asked for: Docker Hub's legacy URL, otherwise the host. */
export function helperServerUrl(registry: string): string {
  return dockerHubAliases.has(registry) ? dockerHubConfigKey : registry;
}

/** Fixed credentials per registry, e.g. from CLI flags or action inputs. */
export class StaticCredentials implements CredentialStore {
  private readonly map = new Map<string, Credential>();
  constructor(entries: Record<string, Credential> = {}) {
    for (const [k, v] of Object.entries(entries)) this.map.set(normalizeConfigKey(k), v);
  }
  set(registry: string, credential: Credential): this {
    this.map.set(normalizeConfigKey(registry), credential);
    return this;
  }
  get(registry: string): Promise<Credential | undefined> {
    return Promise.resolve(this.map.get(normalizeConfigKey(registry)));
  }
}

/**
 * A GitHub token (GITHUB_TOKEN or a PAT) for ghcr.io: GitHub accepts it as the password with any
 * non-empty user name; the actor is used when known so audit logs show who pushed.
 */
export function githubCredentials(token: string, actor?: string): CredentialStore {
  return new StaticCredentials({
    'ghcr.io': { kind: 'basic', username: actor || 'x-access-token', password: token },
  });
}

/** The first store that knows the registry wins. */
export class ChainedCredentials implements CredentialStore {
  private readonly stores: CredentialStore[];
  constructor(...stores: (CredentialStore | undefined)[]) {
    this.stores = stores.filter((s): s is CredentialStore => s !== undefined);
  }
  async get(registry: string): Promise<Credential | undefined> {
    for (const s of this.stores) {
      const c = await s.get(registry);
      if (c) return c;
    }
    return undefined;
  }
}

interface DockerAuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

interface DockerConfigFile {
  auths?: Record<string, DockerAuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export interface DockerConfigOptions {
  /** The config.json to read; default $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
  configPath?: string;
  /** Environment for locating the file and running helpers (tests pass their own PATH). */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds a helper may take before it is killed. */
  helperTimeoutMs?: number;
}

export function defaultDockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

/** Docker's config.json, read on first use; a missing file means "no credentials". */
export class DockerConfigCredentials implements CredentialStore {
  private config?: Promise<DockerConfigFile>;
  readonly configPath: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly helperTimeoutMs: number;

  constructor(opts: DockerConfigOptions = {}) {
    this.env = opts.env ?? process.env;
    this.configPath = opts.configPath ?? defaultDockerConfigPath(this.env);
    this.helperTimeoutMs = opts.helperTimeoutMs ?? 30_000;
  }

  private load(): Promise<DockerConfigFile> {
    this.config ??= readFile(this.configPath, 'utf8').then(
      (text) => {
        try {
          return JSON.parse(text) as DockerConfigFile;
        } catch (e) {
          throw new OciError(
            `${this.configPath} is not valid JSON: ${(e as Error).message}`,
            'INVALID_CONFIG',
          );
        }
      },
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return {};
        throw e;
      },
    );
    return this.config;
  }

  async get(registry: string): Promise<Credential | undefined> {
    const cfg = await this.load();
    const host = normalizeConfigKey(registry);
    // Precedence as in the docker CLI: a per-registry helper, then the default store, then `auths`.
    const helper = Object.entries(cfg.credHelpers ?? {}).find(([k]) => normalizeConfigKey(k) === host)?.[1];
    if (helper) return runCredentialHelper(helper, helperServerUrl(host), this.env, this.helperTimeoutMs);
    if (cfg.credsStore) {
      const c = await runCredentialHelper(
        cfg.credsStore,
        helperServerUrl(host),
        this.env,
        this.helperTimeoutMs,
      );
      if (c) return c;
    }
    const entry = Object.entries(cfg.auths ?? {}).find(([k]) => normalizeConfigKey(k) === host)?.[1];
    return entry ? fromAuthEntry(entry, this.configPath, host) : undefined;
  }
}

function fromAuthEntry(e: DockerAuthEntry, file: string, host: string): Credential | undefined {
  if (e.registrytoken) return { kind: 'registryToken', token: e.registrytoken };
  let username = e.username;
  let password = e.password;
  if (e.auth) {
    const decoded = Buffer.from(e.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new OciError(`${file}: auths["${host}"].auth is not base64 of "user:password"`, 'INVALID_CONFIG');
    }
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (e.identitytoken) return { kind: 'identityToken', token: e.identitytoken, username };
  if (username !== undefined && password !== undefined && (username || password)) {
    return { kind: 'basic', username, password };
  }
  return undefined;
}

/**
 * Runs `docker-credential-<helper> get`, writing the server URL on stdin and reading
 * {"ServerURL","Username","Secret"} from stdout. "Not found" means anonymous, not an error.
 */
export function runCredentialHelper(
  helper: string,
  serverUrl: string,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 30_000,
): Promise<Credential | undefined> {
  const exe = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(exe, ['get'], { env, stdio: 'pipe', timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new CredentialHelperError(
          helper,
          serverUrl,
          e.code === 'ENOENT'
            ? `${exe} is not on PATH: install it, or remove it from config.json (credsStore/credHelpers)`
            : e.message,
        ),
      );
    });
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8').trim();
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (signal)
        return reject(new CredentialHelperError(helper, serverUrl, `killed by ${signal} (timeout?)`));
      if (code !== 0) {
        // The helper protocol's "not found" message, printed on stdout by the reference helpers.
        if (/credentials not found/i.test(stdout + stderr)) return resolve(undefined);
        return reject(new CredentialHelperError(helper, serverUrl, `exit ${code}: ${stderr || stdout}`));
      }
      let parsed: { Username?: string; Secret?: string };
      try {
        parsed = JSON.parse(stdout) as typeof parsed;
      } catch {
        return reject(new CredentialHelperError(helper, serverUrl, 'its output is not JSON'));
      }
      if (!parsed.Secret) return resolve(undefined);
      // The protocol marks an identity (refresh) token with the user name "<token>".
      if (parsed.Username === '<token>') return resolve({ kind: 'identityToken', token: parsed.Secret });
      resolve({ kind: 'basic', username: parsed.Username ?? '', password: parsed.Secret });
    });
    child.stdin.on('error', () => {
      /* the helper may exit without reading stdin; its exit status tells the story */
    });
    child.stdin.end(serverUrl);
  });
}

/** Credentials from explicit options, as the CLI and the action take them. */
export interface ExplicitCredentials {
  registry: string;
  username?: string;
  password?: string;
  /** A registry bearer token used as is. */
  token?: string;
}

export function explicitCredentials(c: ExplicitCredentials): CredentialStore {
  if (c.token) return new StaticCredentials({ [c.registry]: { kind: 'registryToken', token: c.token } });
  if (c.username !== undefined && c.password !== undefined) {
    return new StaticCredentials({
      [c.registry]: { kind: 'basic', username: c.username, password: c.password },
    });
  }
  throw new OciError(
    `credentials for ${c.registry}: give a username and a password, or a token`,
    'INVALID_CREDENTIALS',
  );
}

/**
 * The default chain: explicit credentials, then GITHUB_TOKEN for ghcr.io (in GitHub Actions), then
 * Docker's config.json.
 */
export function defaultCredentials(
  opts: { explicit?: ExplicitCredentials[]; env?: NodeJS.ProcessEnv; dockerConfig?: string } = {},
): CredentialStore {
  const env = opts.env ?? process.env;
  return new ChainedCredentials(
    ...(opts.explicit ?? []).map(explicitCredentials),
    env.GITHUB_TOKEN ? githubCredentials(env.GITHUB_TOKEN, env.GITHUB_ACTOR) : undefined,
    new DockerConfigCredentials({ configPath: opts.dockerConfig, env }),
  );
}
