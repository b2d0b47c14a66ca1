// The OCI image config (and Docker's, which shares these fields): what the frontend writes for the
// images it returns, what it reads from toolchain images, and what the publisher reads from layouts.

export interface ImageConfig {
  created?: string;
  author?: string;
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  config?: {
    Entrypoint?: readonly string[] | null;
    Cmd?: readonly string[] | null;
    Env?: readonly string[] | null;
    WorkingDir?: string;
    User?: string;
    Labels?: Record<string, string> | null;
  } | null;
  rootfs?: { type: string; diff_ids: string[] };
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
}

/**
 * `Env` entries as a map, later entries winning. An entry without `=` names a variable with an empty
 * value, as BuildKit's client reads it.
 */
export function parseEnvList(env: readonly string[] | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    if (key === '') continue;
    // Re-inserted so the map's order is the order of last assignment, as BuildKit keeps it.
    out.delete(key);
    out.set(key, eq < 0 ? '' : entry.slice(eq + 1));
  }
  return out;
}
