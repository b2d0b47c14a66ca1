// Path handling with the results of Go's path.Clean/path.Join, which BuildKit's own client applies.
import { posix } from 'node:path';

/** Like Go's path.Clean: no trailing slash (except "/"), "" becomes ".". */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Resolves `p` against the absolute directory `dir` unless `p` is absolute. */
export function resolvePath(dir: string, p: string): string {
  return posix.isAbsolute(p) ? cleanPath(p) : cleanPath(posix.join('/', dir, p));
}

/**
 * A copy destination: resolved like any path, but a trailing "/" or "/." survives, since it tells
 * the copy to put the source inside the directory rather than at that path.
 */
export function resolveCopyDest(dir: string, p: string): string {
  let out = resolvePath(dir, p);
  if (p.endsWith('/') && !out.endsWith('/')) out += '/';
  else if (p.endsWith('/.')) out = (out === '/' ? out : `${out}/`) + '.';
  return out;
}
