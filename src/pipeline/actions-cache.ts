// The GitHub Actions cache as BuildKit's `type=gha` cache backend. buildx itself reads the runner's cache
// URL and token from its environment (ACTIONS_CACHE_URL and ACTIONS_RUNTIME_TOKEN for the v1 protocol;
// ACTIONS_RESULTS_URL when ACTIONS_CACHE_SERVICE_V2 is set), so this module only decides whether the
// cache is there and which scope an image uses; the environment is passed through untouched.

/** True when the job has an Actions cache buildx can use. */
export function actionsCacheAvailable(env: NodeJS.ProcessEnv): boolean {
  if (!env.ACTIONS_RUNTIME_TOKEN) return false;
  const v2 = /^true$/i.test(env.ACTIONS_CACHE_SERVICE_V2 ?? '');
  return Boolean(v2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL);
}

/**
 * A cache scope per image, so that several images built in one repository (or one workflow) do not
 * evict each other's entries, as they would in buildx's single default scope.
 */
export function cacheScope(file: string, target: string | undefined): string {
  const raw = `wasm-build-${file}${target ? `-${target}` : ''}`;
  return raw.replace(/[^A-Za-z0-9_.-]+/g, '-');
}

export function defaultActionsCache(
  env: NodeJS.ProcessEnv,
  scope: string,
): { cacheFrom: string[]; cacheTo: string[] } | undefined {
  if (!actionsCacheAvailable(env)) return undefined;
  return { cacheFrom: [`type=gha,scope=${scope}`], cacheTo: [`type=gha,scope=${scope},mode=max`] };
}
