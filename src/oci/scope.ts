// Token scopes (distribution's token spec): `repository:<name>:<action>[,<action>]`. Requests name
// the least they need; scopes for one resource are merged so a single token covers an operation.

export type Action = 'pull' | 'push' | 'delete' | '*';

export function repositoryScope(repository: string, ...actions: Action[]): string {
  return `repository:${repository}:${[...new Set(actions)].sort().join(',')}`;
}

interface ParsedScope {
  resource: string; // "repository:name" (type and name; names may not contain ':', registry:catalog may)
  actions: Set<string>;
}

function parseScope(scope: string): ParsedScope | undefined {
  const i = scope.lastIndexOf(':');
  if (i <= 0) return undefined;
  return {
    resource: scope.slice(0, i),
    actions: new Set(
      scope
        .slice(i + 1)
        .split(',')
        .filter(Boolean),
    ),
  };
}

/**
 * Merges scopes per resource, de-duplicates actions and sorts both, so equal needs produce equal
 * lists (the token cache keys on them). Malformed entries are kept verbatim.
 */
export function mergeScopes(scopes: Iterable<string>): string[] {
  const byResource = new Map<string, Set<string>>();
  const other = new Set<string>();
  for (const raw of scopes) {
    for (const s of raw.split(' ').filter(Boolean)) {
      const p = parseScope(s);
      if (!p) {
        other.add(s);
        continue;
      }
      const set = byResource.get(p.resource) ?? new Set<string>();
      for (const a of p.actions) set.add(a);
      byResource.set(p.resource, set);
    }
  }
  const out = [...byResource].map(([r, a]) => `${r}:${[...a].sort().join(',')}`);
  return [...out, ...other].sort();
}

/** True when `granted` covers every action `needed` asks for (a `*` covers all). */
export function scopesCover(granted: string[], needed: string[]): boolean {
  const g = new Map<string, Set<string>>();
  for (const s of granted) {
    const p = parseScope(s);
    if (p) g.set(p.resource, p.actions);
  }
  return needed.every((s) => {
    const p = parseScope(s);
    if (!p) return granted.includes(s);
    const have = g.get(p.resource);
    return !!have && (have.has('*') || [...p.actions].every((a) => have.has(a)));
  });
}
