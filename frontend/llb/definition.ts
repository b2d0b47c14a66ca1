// Turns a State into a pb.Definition: every reachable op once, inputs before the ops that read
// them, then a terminal op whose only input is the state's output.
import { Cap } from './caps.js';
import { digestOf } from './digest.js';
import { marshalDefinition, marshalOp } from './encode.js';
import type * as pb from './pb.js';
import type { State } from './state.js';
import type { MarshalContext, Output, Vertex } from './vertex.js';

export interface MarshalOptions {
  /** Platform for execs and image sources that have none of their own; else the daemon's default. */
  platform?: pb.Platform;
}

export interface Marshaled {
  /** The marshaled pb.Definition, ready for SolveRequest.definition. */
  definition: Uint8Array;
  /** Each op's bytes, in Definition order; the terminal op is last. */
  ops: readonly Uint8Array[];
  /** `digests[i]` is the digest of `ops[i]`. */
  digests: readonly string[];
  metadata: Readonly<Record<string, pb.OpMetadata>>;
  /** Digest of the op that produces the state (what the terminal op points at); undefined for scratch. */
  head: string | undefined;
  /** The digest of the op behind `state`'s output, if that op is in this definition. */
  opDigest(state: State): string | undefined;
}

function mergeMetadata(a: pb.OpMetadata | undefined, b: pb.OpMetadata): pb.OpMetadata {
  if (!a) return b;
  const md: pb.OpMetadata = { caps: { ...a.caps, ...b.caps } };
  if (a.ignoreCache || b.ignoreCache) md.ignoreCache = true;
  if (a.description || b.description) md.description = { ...a.description, ...b.description };
  const exportCache = b.exportCache ?? a.exportCache;
  if (exportCache) md.exportCache = exportCache;
  const group = b.progressGroup ?? a.progressGroup;
  if (group) md.progressGroup = group;
  return md;
}

export function marshal(state: State, opts: MarshalOptions = {}): Marshaled {
  const ops: Uint8Array[] = [];
  const digests: string[] = [];
  const metadata: Record<string, pb.OpMetadata> = {};
  const done = new Map<Vertex, string>();
  const placed = new Set<string>();
  const definitionCaps: Record<string, boolean> = {};

  const ctx: MarshalContext = {
    platform: opts.platform,
    input: (o: Output) => ({ digest: visit(o.vertex), index: o.index }),
  };

  function visit(v: Vertex): string {
    const known = done.get(v);
    if (known) return known;
    for (const o of v.inputs()) visit(o.vertex);
    const built = v.toOp(ctx);
    const bytes = 'bytes' in built ? built.bytes : marshalOp(built.op);
    const md = built.metadata;
    Object.assign(definitionCaps, v.definitionCaps?.());
    const digest = digestOf(bytes);
    done.set(v, digest);
    // Two vertices that build the same op are one op to BuildKit: keep it once, merge what it says.
    if (!placed.has(digest)) {
      placed.add(digest);
      ops.push(bytes);
      digests.push(digest);
    }
    // A spliced op without metadata in its own Definition gets none here either.
    if (md) metadata[digest] = mergeMetadata(metadata[digest], md);
    return digest;
  }

  const lookup = (s: State): string | undefined => (s.output ? done.get(s.output.vertex) : undefined);
  if (!state.output) {
    // Scratch: nothing to build, and BuildKit takes an empty Definition as an empty result.
    return { definition: new Uint8Array(0), ops, digests, metadata, head: undefined, opDigest: lookup };
  }

  const head = visit(state.output.vertex);
  const terminal = marshalOp({ inputs: [{ digest: head, index: state.output.index }] });
  const terminalDigest = digestOf(terminal);
  // The terminal op carries the caps the Definition as a whole relies on, as BuildKit's client does.
  const caps: Record<string, boolean> = {
    ...definitionCaps,
    [Cap.constraints]: true,
    [Cap.platform]: true,
  };
  for (const md of Object.values(metadata)) {
    if (md.ignoreCache) caps[Cap.metaIgnoreCache] = true;
    if (md.description) caps[Cap.metaDescription] = true;
  }
  ops.push(terminal);
  digests.push(terminalDigest);
  metadata[terminalDigest] = { caps };

  const definition = marshalDefinition({ def: ops, metadata });
  return { definition, ops, digests, metadata, head, opDigest: lookup };
}
