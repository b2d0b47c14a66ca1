import { describe, expect, it } from 'vitest';
import { scratch } from '../../../frontend/llb/index.js';
import { postStepsFor } from '../../../frontend/post-steps/index.js';
import { moduleOf } from '../../support/wasm-toml.js';

const built = { output: scratch(), path: '/hello.wasm' };

describe('postStepsFor', () => {
  it('runs wasm-opt on a core module that asks for it, pointing its failures at optimize.wasm-opt', () => {
    const module = moduleOf(
      ['name = "hello"', 'language = "c"', '[module.optimize]', 'wasm-opt = "Os"', 'strip = true'].join('\n'),
    );
    const steps = postStepsFor(module, built);
    expect(steps.map((s) => [s.key, s.output])).toEqual([
      [['optimize', 'wasm-opt'], 'the output of wasm-opt'],
    ]);
    expect(steps[0]!.missing).toMatch(
      /set `optimize\.wasm-opt = "none"` and `optimize\.strip = false` to skip/,
    );
  });

  it('componentizes a wasip2 module its toolchain built as a core module, and nothing else', () => {
    const module = moduleOf('name = "hello"\nlanguage = "c"\ntarget = "wasip2"');
    const steps = postStepsFor(module, { ...built, componentize: true });
    expect(steps.map((s) => [s.key, s.output])).toEqual([[['target'], 'the output of component new']]);
    // A toolchain that builds the component itself needs no step.
    expect(postStepsFor(module, built)).toEqual([]);
  });

  it('has nothing to do when the module asks for neither', () => {
    const module = moduleOf(
      ['name = "hello"', 'language = "c"', '[module.optimize]', 'wasm-opt = "none"', 'strip = false'].join(
        '\n',
      ),
    );
    expect(postStepsFor(module, built)).toEqual([]);
  });
});
