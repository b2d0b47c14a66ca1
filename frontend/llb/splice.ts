// Splicing a marshaled pb.Definition made elsewhere (BuildKit's own client, the frontend image's
// `frontend.bin`, a `FrontendInputs` definition) into our graph. Its ops are kept as the exact bytes
// received, so their digests, and every input that names them, stay valid; only the terminal op is
// dropped, and the State stands for what that terminal op pointed at.
import {
  decodeFields,
  decodeMapEntry,
  readBool,
  readInt64Number,
  readString,
  WireType,
} from '../proto/read.js';
import { digestOf } from './digest.js';
import type * as pb from './pb.js';
import { State } from './state.js';
import type { MarshalContext, Output, Vertex, VertexOp } from './vertex.js';

/** One op of a decoded Definition: its bytes as received, their digest, and the edges it reads. */
export interface DecodedOp {
  bytes: Uint8Array;
  digest: string;
  inputs: pb.Input[];
}

export interface DecodedDefinition {
  /** In Definition order; the last one is the terminal op. */
  ops: DecodedOp[];
  /** OpMetadata by op digest (fields this library does not know are left out). */
  metadata: Record<string, pb.OpMetadata>;
}

const LEN = WireType.LengthDelimited;
const VARINT = WireType.Varint;

function decodeInput(bytes: Uint8Array): pb.Input {
  const input: pb.Input = { digest: '', index: 0 };
  decodeFields('pb.Input', bytes, {
    1: [LEN, (r) => (input.digest = r.string())],
    2: [VARINT, (r) => (input.index = readInt64Number(r))],
  });
  return input;
}

/** The edges of an op (field 1); everything else in it stays opaque. */
function opInputs(bytes: Uint8Array): pb.Input[] {
  const inputs: pb.Input[] = [];
  decodeFields('pb.Op', bytes, { 1: [LEN, (r) => inputs.push(decodeInput(r.bytes()))] });
  return inputs;
}

function decodeOpMetadata(bytes: Uint8Array): pb.OpMetadata {
  let ignoreCache = false;
  let description: Record<string, string> | undefined;
  let exportCache: pb.ExportCache | undefined;
  let caps: Record<string, boolean> | undefined;
  let progressGroup: pb.ProgressGroup | undefined;
  decodeFields('pb.OpMetadata', bytes, {
    1: [VARINT, (r) => (ignoreCache = r.bool())],
    2: [
      LEN,
      (r) => {
        const [k, v] = decodeMapEntry('description entry', r.bytes(), LEN, readString, '');
        (description ??= {})[k] = v;
      },
    ],
    4: [
      LEN,
      (r) => {
        const e: pb.ExportCache = {};
        decodeFields('pb.ExportCache', r.bytes(), {
          1: [
            VARINT,
            (er) => {
              if (er.bool()) e.value = true;
            },
          ],
        });
        exportCache = e;
      },
    ],
    5: [
      LEN,
      (r) => {
        const [k, v] = decodeMapEntry('caps entry', r.bytes(), VARINT, readBool, false);
        (caps ??= {})[k] = v;
      },
    ],
    6: [
      LEN,
      (r) => {
        const g: pb.ProgressGroup = { id: '' };
        decodeFields('pb.ProgressGroup', r.bytes(), {
          1: [LEN, (gr) => (g.id = gr.string())],
          2: [LEN, (gr) => (g.name = gr.string())],
          3: [VARINT, (gr) => (g.weak = gr.bool())],
        });
        progressGroup = g;
      },
    ],
  });
  const md: pb.OpMetadata = {};
  if (ignoreCache) md.ignoreCache = true;
  if (description) md.description = description;
  if (exportCache) md.exportCache = exportCache;
  if (caps) md.caps = caps;
  if (progressGroup) md.progressGroup = progressGroup;
  return md;
}

/**
 * Decodes a marshaled pb.Definition: `def` (1) as raw op bytes with their edges, `metadata` (2).
 * `Source` (3, source maps) is skipped. Throws on malformed bytes.
 */
export function decodeDefinition(bytes: Uint8Array): DecodedDefinition {
  const ops: DecodedOp[] = [];
  const metadata: Record<string, pb.OpMetadata> = {};
  decodeFields('pb.Definition', bytes, {
    1: [
      LEN,
      (r) => {
        // A copy: the reader's view may share a larger buffer that a caller could reuse.
        const op = r.bytes().slice();
        ops.push({ bytes: op, digest: digestOf(op), inputs: opInputs(op) });
      },
    ],
    2: [
      LEN,
      (r) => {
        const [k, v] = decodeMapEntry(
          'metadata entry',
          r.bytes(),
          LEN,
          (vr) => decodeOpMetadata(vr.bytes()),
          {} as pb.OpMetadata,
        );
        metadata[k] = v;
      },
    ],
  });
  return { ops, metadata };
}

/** An op from a foreign Definition: its bytes go out unchanged. */
class SplicedOp implements Vertex {
  deps: Output[] = [];
  caps: Readonly<Record<string, boolean>> | undefined;

  constructor(
    readonly op: DecodedOp,
    private readonly metadata: pb.OpMetadata | undefined,
  ) {}

  inputs(): readonly Output[] {
    return this.deps;
  }

  toOp(ctx: MarshalContext): VertexOp {
    // Visits the inputs (the marshaler places them first) and checks the bytes still name them.
    for (const [i, dep] of this.deps.entries()) {
      const edge = ctx.input(dep);
      if (edge.digest !== this.op.inputs[i]!.digest) {
        throw new Error(`fromDefinition: op ${this.op.digest} input ${i} resolved to ${edge.digest}`);
      }
    }
    return { bytes: this.op.bytes, metadata: this.metadata };
  }

  definitionCaps(): Readonly<Record<string, boolean>> {
    return this.caps ?? {};
  }
}

/**
 * A State for the result of a marshaled pb.Definition (what its terminal op points at), usable like
 * any other: as an exec root, a mount, a copy source. Its ops keep their exact bytes and metadata,
 * and the caps of its terminal op go to the terminal op of any Definition it ends up in. The
 * State has no env, cwd or user (a Definition carries no image config). An empty Definition is
 * scratch.
 */
export function fromDefinition(bytes: Uint8Array): State {
  if (bytes.length === 0) return new State(undefined);
  const def = decodeDefinition(bytes);
  const terminal = def.ops.at(-1);
  if (!terminal) throw new Error('fromDefinition: the Definition has no ops');
  const target = terminal.inputs[0];
  if (!target) throw new Error('fromDefinition: the last op of the Definition has no input');

  const byDigest = new Map<string, DecodedOp>(def.ops.map((op) => [op.digest, op]));
  const vertices = new Map<string, SplicedOp>();
  const resolving = new Set<string>();
  // Builds the vertex for `digest` after every vertex it reads (depth-first).
  const vertexFor = (digest: string, from: string): SplicedOp => {
    const known = vertices.get(digest);
    if (known) return known;
    const op = byDigest.get(digest);
    if (!op) throw new Error(`fromDefinition: ${from} reads ${digest}, which is not in the Definition`);
    if (resolving.has(digest)) throw new Error(`fromDefinition: op ${digest} depends on itself`);
    resolving.add(digest);
    const v = new SplicedOp(op, def.metadata[digest]);
    v.deps = op.inputs.map((inp) => ({ vertex: vertexFor(inp.digest, `op ${digest}`), index: inp.index }));
    resolving.delete(digest);
    vertices.set(digest, v);
    return v;
  };
  const head = vertexFor(target.digest, 'the terminal op');
  head.caps = def.metadata[terminal.digest]?.caps;
  return new State({ vertex: head, index: target.index });
}
