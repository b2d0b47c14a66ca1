import { describe, expect, it } from 'vitest';
import { parseWasmToml, type Spec } from '../../../src/wasm-toml/index.js';
import { answer, describe as describeRequests } from '../../../frontend/request/subrequests.js';
import { FrontendError, type FrontendResult } from '../../../frontend/gateway/index.js';

const text = `[build-args]
VERSION = "1.0"

[[module]]
name = "api"
description = "the API"
language = "c"

[[module]]
name = "worker"
language = "c"
`;
const parsed = parseWasmToml(text, { filename: 'wasm.toml' });
if (!parsed.ok) throw new Error('fixture does not parse');
const spec: Spec = parsed.spec;
const file = { filename: 'wasm.toml', data: text };
/** The subrequest replies use the plain-record form of metadata. */
const meta = (r: FrontendResult, key: string) => String((r.metadata as Record<string, string>)[key]);
const json = (r: FrontendResult) => JSON.parse(meta(r, 'result.json')) as Record<string, unknown>;

describe('subrequests', () => {
  it('describes the three requests it answers', () => {
    const res = describeRequests('frontend.subrequests.describe')!;
    const list = JSON.parse(meta(res, 'result.json')) as { name: string }[];
    expect(list.map((r) => r.name)).toEqual([
      'frontend.subrequests.describe',
      'frontend.outline',
      'frontend.targets',
    ]);
    expect(describeRequests('frontend.targets')).toBeUndefined();
  });

  it('lists every module as a target, the first as default, with its line', () => {
    const res = answer('frontend.targets', spec, file, undefined);
    expect(json(res).targets).toEqual([
      {
        name: 'api',
        default: true,
        description: 'the API',
        platform: 'wasi/wasm',
        location: { sourceIndex: 0, ranges: [{ start: { line: 4 }, end: { line: 4 } }] },
      },
      {
        name: 'worker',
        platform: 'wasi/wasm',
        location: expect.objectContaining({ sourceIndex: 0 }) as unknown,
      },
    ]);
    expect(meta(res, 'result.txt')).toMatch(/^api \(default\)\s+the API$/m);
    expect(meta(res, 'version')).toBe('1.0.0');
  });

  it('marks [image] entrypoint as the default, not the first module', () => {
    const withImage = parseWasmToml(`[image]\nentrypoint = "worker"\n\n${text}`, { filename: 'wasm.toml' });
    if (!withImage.ok) throw new Error('fixture does not parse');
    const res = answer('frontend.targets', withImage.spec, file, undefined);
    const targets = json(res).targets as { name: string; default?: boolean }[];
    expect(targets.filter((t) => t.default).map((t) => t.name)).toEqual(['worker']);
    expect(meta(res, 'result.txt')).toMatch(/^worker \(default\)$/m);
    expect(json(answer('frontend.outline', withImage.spec, file, undefined)).name).toBe('worker');
  });

  it('outlines the declared build args for the chosen target', () => {
    const out = json(answer('frontend.outline', spec, file, 'worker'));
    expect(out.name).toBe('worker');
    expect(out.args).toEqual([
      {
        name: 'VERSION',
        value: '1.0',
        location: { sourceIndex: 0, ranges: [{ start: { line: 2 }, end: { line: 2 } }] },
      },
    ]);
  });

  it('refuses other requests with the error buildx falls back on', () => {
    expect(() => answer('frontend.lint', spec, file, undefined)).toThrow(FrontendError);
    expect(() => answer('frontend.lint', spec, file, undefined)).toThrow('unsupported request frontend.lint');
  });
});
