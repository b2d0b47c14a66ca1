import { describe, expect, it } from 'vitest';
import { planImages } from '../../../src/pipeline/build.js';
import { PipelineError } from '../../../src/pipeline/errors.js';
import type { Spec } from '../../../src/wasm-toml/index.js';
import { specOf } from '../../support/wasm-toml.js';

const mod = (name: string) => `[[module]]\nname = "${name}"\nlanguage = "c"\n`;
const one = specOf('[module]\nname = "hello"\nlanguage = "c"\n');
const two = specOf(mod('a') + mod('b'));
const image = specOf('[image]\nentrypoint = "b"\n' + mod('a') + mod('b'));
const imageDefault = specOf('[image]\n' + mod('a') + mod('b'));

/** A plan as plain data: target, name, and its modules by name and index. */
function plans(spec: Spec, targets: string[]) {
  return planImages(spec, targets).map((p) => ({
    target: p.target,
    name: p.name,
    modules: p.modules.map((m) => `${m.index}:${m.spec.name}`),
  }));
}

describe('planImages', () => {
  it.each([
    ['one module', one, [], [{ target: undefined, name: 'hello', modules: ['0:hello'] }]],
    ['one module, named', one, ['hello'], [{ target: undefined, name: 'hello', modules: ['0:hello'] }]],
    [
      'two modules: an image each',
      two,
      [],
      [
        { target: 'a', name: 'a', modules: ['0:a'] },
        { target: 'b', name: 'b', modules: ['1:b'] },
      ],
    ],
    ['two modules, one target', two, ['b'], [{ target: 'b', name: 'b', modules: ['1:b'] }]],
    [
      '[image]: one image, named by its entrypoint',
      image,
      [],
      [{ target: undefined, name: 'b', modules: ['0:a', '1:b'] }],
    ],
    [
      '[image] without entrypoint: the first module',
      imageDefault,
      [],
      [{ target: undefined, name: 'a', modules: ['0:a', '1:b'] }],
    ],
    ['[image] with a target', image, ['a'], [{ target: 'a', name: 'a', modules: ['0:a', '1:b'] }]],
  ] as [string, Spec, string[], object[]][])('%s', (_, spec, targets, expected) => {
    expect(plans(spec, targets)).toEqual(expected);
  });

  it.each([
    ['an unknown target', two, ['c'], 'targets: "c" is not a module of the file (it has a, b)'],
    [
      'an unknown target with [image]',
      image,
      ['c'],
      'targets: "c" is not a module of the file (it has a, b)',
    ],
    ['two targets with [image]', image, ['a', 'b'], /give one target, not 2/],
  ] as [string, Spec, string[], string | RegExp][])('%s is an input error', (_, spec, targets, message) => {
    let error: unknown;
    try {
      planImages(spec, targets);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).phase).toBe('input');
    expect((error as PipelineError).message).toMatch(message);
  });
});
