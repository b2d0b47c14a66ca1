// The rest of what the daemon passes in the environment: session, workers, product.
import { field, isObject } from './json-fields.js';
import type { Platform } from './proto/platform.js';

export interface WorkerInfo {
  id: string;
  labels: ReadonlyMap<string, string>;
  platforms: Platform[];
}

export interface FrontendEnvironment {
  /** Client session id: `local.session` of local sources. Absent when run outside BuildKit. */
  sessionId?: string;
  workers: WorkerInfo[];
  /** Platform to run build steps on: the first worker's first platform, else this process's own. */
  buildPlatform: Platform;
  /** `buildkit`, or the product name dockerd embeds it under. */
  exportedProduct?: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function parsePlatform(value: unknown): Platform | undefined {
  if (!isObject(value)) return undefined;
  const os = text(field(value, 'os'));
  const architecture = text(field(value, 'architecture'));
  if (!os || !architecture) return undefined;
  const platform: Platform = { os, architecture };
  const variant = text(field(value, 'variant'));
  if (variant) platform.variant = variant;
  const osVersion = text(field(value, 'os.version'));
  if (osVersion) platform.osVersion = osVersion;
  const features = field(value, 'os.features');
  if (Array.isArray(features) && features.length > 0) platform.osFeatures = features.map(text);
  return platform;
}

function parseWorker(value: unknown): WorkerInfo {
  if (!isObject(value)) throw new Error('BUILDKIT_WORKERS: a worker is not a JSON object');
  const labels = field(value, 'labels');
  const platforms = field(value, 'platforms');
  return {
    id: text(field(value, 'id')),
    labels: new Map(
      isObject(labels)
        ? Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string')
        : [],
    ),
    platforms: Array.isArray(platforms)
      ? platforms.map(parsePlatform).filter((p): p is Platform => p !== undefined)
      : [],
  };
}

export function parseWorkers(json: string | undefined): WorkerInfo[] {
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new Error(`BUILDKIT_WORKERS is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) throw new Error('BUILDKIT_WORKERS is not a JSON array');
  return parsed.map(parseWorker);
}

const ociArchitectures: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386' };

/** This process's platform in OCI terms, as dockerui falls back to platforms.DefaultSpec(). */
export function ownPlatform(): Platform {
  const architecture = ociArchitectures[process.arch] ?? process.arch;
  return { os: process.platform === 'win32' ? 'windows' : process.platform, architecture };
}

export function readEnvironment(env: NodeJS.ProcessEnv): FrontendEnvironment {
  const workers = parseWorkers(env['BUILDKIT_WORKERS']);
  const sessionId = env['BUILDKIT_SESSION_ID'];
  const exportedProduct = env['BUILDKIT_EXPORTEDPRODUCT'];
  return {
    ...(sessionId ? { sessionId } : {}),
    workers,
    buildPlatform: workers[0]?.platforms[0] ?? ownPlatform(),
    ...(exportedProduct ? { exportedProduct } : {}),
  };
}
