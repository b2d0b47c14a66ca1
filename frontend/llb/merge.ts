// MergeOp: layers several states on top of each other without copying (later ones win).
import { Cap } from './caps.js';
import type * as pb from './pb.js';
import { State } from './state.js';
import { opMetadata, type MarshalContext, type OpOptions, type Output, type Vertex } from './vertex.js';

class MergeOp implements Vertex {
  constructor(
    private readonly layers: readonly Output[],
    private readonly opts: OpOptions,
  ) {}

  inputs(): readonly Output[] {
    return this.layers;
  }

  toOp(ctx: MarshalContext): { op: pb.Op; metadata: pb.OpMetadata } {
    // One input per layer, even when two layers are the same output: the layer order is the point.
    const inputs = this.layers.map((o) => ctx.input(o));
    return {
      op: { inputs, op: { merge: { inputs: inputs.map((_, i) => ({ input: i })) } }, constraints: {} },
      metadata: opMetadata(this.opts, [Cap.mergeOp]),
    };
  }
}

/**
 * Merges states bottom to top. Scratch layers are dropped; with one layer left the result is that
 * state and with none it is scratch, so no op is made. Settings (env, cwd...) come from the first.
 */
export function merge(states: readonly State[], opts: OpOptions = {}): State {
  const layers = states.filter((s) => s.output !== undefined);
  const [first] = layers;
  if (first === undefined) return new State(undefined);
  if (layers.length === 1) return first;
  return first.withOutput({
    vertex: new MergeOp(
      layers.map((s) => s.output!),
      opts,
    ),
    index: 0,
  });
}
