import { describe, expect, it } from 'vitest';
import { firstVersion } from '../../../src/runtimes/cli-runtime.js';

describe('firstVersion', () => {
  it.each([
    ['wasmtime 48.0.8 (abc 2025-01-01)', '48.0.8'],
    ['v1.11.0', '1.11.0'],
    ['1.11.0\n', '1.11.0'],
    ['wasmer 6.0.1', '6.0.1'],
    ['wasmedge version 0.14.1', '0.14.1'],
    ['v20.20.2', '20.20.2'],
    ['wasmer 6.1.0-rc.2 (built 2025-01-01)', '6.1.0-rc.2'],
    ['tool 1.2', '1.2'],
  ])('%j -> %s', (output, version) => {
    expect(firstVersion(output)).toBe(version);
  });

  it.each(['', 'command not found', 'version 7'])('%j throws', (output) => {
    expect(() => firstVersion(output)).toThrow(/no version number in/);
  });
});
