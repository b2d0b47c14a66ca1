// Tag naming for multi-runtime publishing: T, T<wasmSuffix>, T-<runtime>.
import { isValidTag } from '../oci/index.js';
import type { VerifiedRuntime } from './image.js';

export type TagKind = 'image' | 'artifact' | 'runtime';

export interface PlannedTag {
  tag: string;
  kind: TagKind;
  /** The tag T it derives from. */
  base: string;
  runtime?: VerifiedRuntime;
}

export interface TagPlanOptions {
  /** Suffix of the CNCF artifact tag; default "-wasm". Empty string or false: no artifact tag. */
  wasmSuffix?: string | false;
  /** Runtimes whose test-run passed, in the order to push them. */
  runtimes?: VerifiedRuntime[];
}

export class TagPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TagPlanError';
  }
}

/** Runtime names become tag suffixes: lower-case letters, digits, '.', '_', '-'. */
export function runtimeTagSuffix(name: string): string {
  const s = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (!s) throw new TagPlanError(`runtime name "${name}" gives no usable tag suffix`);
  return s;
}

/** Every tag to push, validated and de-duplicated before anything is pushed. */
export function planTags(tags: string[], opts: TagPlanOptions = {}): PlannedTag[] {
  if (tags.length === 0) throw new TagPlanError('no tags to publish');
  const suffix = opts.wasmSuffix === undefined ? '-wasm' : opts.wasmSuffix;
  const out: PlannedTag[] = [];
  const seen = new Map<string, string>();
  const add = (p: PlannedTag) => {
    if (!isValidTag(p.tag)) {
      throw new TagPlanError(
        `"${p.tag}" is not a valid tag (letters, digits, _ . -, at most 128 characters)`,
      );
    }
    const prev = seen.get(p.tag);
    if (prev !== undefined)
      throw new TagPlanError(`tag "${p.tag}" would be pushed twice (${prev} and ${p.kind})`);
    seen.set(p.tag, p.kind);
    out.push(p);
  };
  for (const base of [...new Set(tags)]) {
    add({ tag: base, kind: 'image', base });
    if (suffix) add({ tag: `${base}${suffix}`, kind: 'artifact', base });
    for (const rt of opts.runtimes ?? []) {
      add({ tag: `${base}-${runtimeTagSuffix(rt.name)}`, kind: 'runtime', base, runtime: rt });
    }
  }
  return out;
}
