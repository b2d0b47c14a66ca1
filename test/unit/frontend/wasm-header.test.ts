import { describe, expect, it } from 'vitest';
import { expectedKind, headerProblem, inspectHeader } from '../../../frontend/convert/wasm-header.js';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);
const MAGIC = [0x00, 0x61, 0x73, 0x6d];

describe('inspectHeader', () => {
  it.each([
    ['a core module', bytes(...MAGIC, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04), { wasm: true, kind: 'module' }],
    ['a component', bytes(...MAGIC, 0x0d, 0x00, 0x01, 0x00), { wasm: true, kind: 'component' }],
    ['an empty file', bytes(), { wasm: false, found: 'an empty file' }],
    ['a bare magic', bytes(...MAGIC), { wasm: false, found: 'a truncated WebAssembly binary (4 bytes)' }],
    [
      'an ELF executable',
      bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00),
      { wasm: false, found: 'an ELF file (a native executable or library, or a precompiled .cwasm)' },
    ],
    ['a text file', text('hello world\n'), { wasm: false, found: 'a text file starting "hello wo"' }],
    ['a short text file', text('ok\n'), { wasm: false, found: 'a text file starting "ok\\n"' }],
    ['gzip data', bytes(0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0), { wasm: false, found: 'gzip-compressed data' }],
    ['a zip archive', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0), { wasm: false, found: 'a zip archive' }],
    ['a Windows executable', text('MZ\x90\x00'), { wasm: false, found: 'a Windows executable (PE)' }],
    [
      'a static library',
      text('!<arch>\nfoo'),
      { wasm: false, found: 'an ar archive (a static library, not a linked module)' },
    ],
    [
      'unrecognised bytes',
      bytes(0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0x04),
      { wasm: false, found: 'unrecognised data (first bytes de ad be ef 00 01 02 03)' },
    ],
  ])('%s', (_, input, expected) => {
    expect(inspectHeader(input)).toEqual(expected);
  });

  it('names WebAssembly text, scripts, pre-standard components and unknown versions', () => {
    expect(inspectHeader(text('(module\n  (func))'))).toEqual({
      wasm: false,
      found:
        'WebAssembly text ("(module\\n"...), which runtimes do not load; compile it to a binary (e.g. `wasm-tools parse`)',
    });
    expect(inspectHeader(text('  (component'))).toMatchObject({
      found: expect.stringMatching(/^WebAssembly text/),
    });
    expect(inspectHeader(text('#!/bin/sh\necho'))).toEqual({
      wasm: false,
      found: 'a script ("#!/bin/s"...)',
    });
    expect(inspectHeader(bytes(...MAGIC, 0x0a, 0x00, 0x01, 0x00))).toMatchObject({
      wasm: false,
      found: expect.stringMatching(
        /^a pre-standard component \(binary version 0x0a, current runtimes need 0x0d\)/,
      ),
    });
    expect(inspectHeader(bytes(...MAGIC, 0x02, 0x00, 0x00, 0x00))).toEqual({
      wasm: false,
      found: 'a WebAssembly binary of unknown version 2, layer 0',
    });
  });
});

describe('headerProblem', () => {
  const module = bytes(...MAGIC, 0x01, 0x00, 0x00, 0x00);
  const component = bytes(...MAGIC, 0x0d, 0x00, 0x01, 0x00);
  it.each([
    ['wasip1', module, undefined],
    ['wasip2', component, undefined],
    [
      'wasip1',
      component,
      'is a component, but target = "wasip1" expects a core module (set target = "wasip2" to ship a component)',
    ],
    [
      'wasip2',
      module,
      'is a core module, but target = "wasip2" expects a component (a core module becomes a component with `wasm-tools component new` and a WASI adapter, or set target = "wasip1")',
    ],
    [
      'wasip1',
      bytes(0x7f, 0x45, 0x4c, 0x46),
      'is not a WebAssembly binary: found an ELF file (a native executable or library, or a precompiled .cwasm); target = "wasip1" expects a core module',
    ],
    [
      'wasip2',
      bytes(),
      'is not a WebAssembly binary: found an empty file; target = "wasip2" expects a component',
    ],
    [
      'wasip1',
      text('hello world\n'),
      'is not a WebAssembly binary: found a text file starting "hello wo"; target = "wasip1" expects a core module',
    ],
  ] as const)('target %s, %s', (target, input, expected) => {
    expect(headerProblem(input, target)).toBe(expected);
  });

  it('expects a core module for wasip1 and a component for wasip2', () => {
    expect(expectedKind('wasip1')).toBe('module');
    expect(expectedKind('wasip2')).toBe('component');
  });
});
