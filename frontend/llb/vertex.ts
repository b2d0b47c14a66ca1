// The graph model: a Vertex turns into one pb.Op; an Output names one of its results.
import type { Cap } from './caps.js';
import type * as pb from './pb.js';

export interface Output {
  readonly vertex: Vertex;
  readonly index: number;
}

/** What a vertex can ask of the marshaler while it builds its op. */
export interface MarshalContext {
  /** Used by ops that run or resolve for a platform (exec, image) when they were given none. */
  readonly platform: pb.Platform | undefined;
  /** The edge to `output`: digest of its vertex's op and the output index. */
  input(output: Output): pb.Input;
}

/**
 * What a vertex turns into: an op for the marshaler to encode, or the exact bytes of an op that was
 * encoded elsewhere (an op spliced in from a foreign Definition, whose digest must not change).
 */
export type VertexOp =
  { op: pb.Op; metadata: pb.OpMetadata } | { bytes: Uint8Array; metadata: pb.OpMetadata | undefined };

export interface Vertex {
  /** The outputs this vertex reads; the marshaler places their ops first, in this order. */
  inputs(): readonly Output[];
  toOp(ctx: MarshalContext): VertexOp;
  /**
   * Caps the whole Definition relies on, for its terminal op (a spliced Definition brings the caps of
   * its own terminal op along).
   */
  definitionCaps?(): Readonly<Record<string, boolean>>;
}

/** Options every op accepts: how it shows in progress output, and cache control. */
export interface OpOptions {
  /** Vertex name in progress output (`llb.customname`). */
  customName?: string;
  progressGroup?: pb.ProgressGroup;
  ignoreCache?: boolean;
}

export function sameOutput(a: Output, b: Output): boolean {
  return a.vertex === b.vertex && a.index === b.index;
}

export function opMetadata(opts: OpOptions, caps: Iterable<Cap>): pb.OpMetadata {
  const md: pb.OpMetadata = {
    caps: Object.fromEntries([...caps].map((c) => [c, true])),
  };
  if (opts.ignoreCache) md.ignoreCache = true;
  if (opts.customName !== undefined) md.description = { 'llb.customname': opts.customName };
  if (opts.progressGroup) md.progressGroup = opts.progressGroup;
  return md;
}
