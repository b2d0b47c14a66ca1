import { describe, expect, it } from 'vitest';
import { parseRuntimeRequest } from '../../../src/runtimes/index.js';

describe('parseRuntimeRequest', () => {
  it.each([
    ['wasmtime', { name: 'wasmtime' }],
    [' node ', { name: 'node' }],
    ['wasmtime@48.0.8', { name: 'wasmtime', version: '48.0.8' }],
    ['wazero@v1.11.0', { name: 'wazero', version: '1.11.0' }],
    ['wasmedge@0.15', { name: 'wasmedge', version: '0.15' }],
    ['wasmer@6.0.0-rc.1', { name: 'wasmer', version: '6.0.0-rc.1' }],
  ])('%j', (text, expected) => {
    expect(parseRuntimeRequest(text)).toEqual(expected);
  });

  it.each([
    ['lucet', /unknown runtime "lucet": use one of wasmtime, /],
    ['Wasmtime', /unknown runtime/],
    ['', /unknown runtime/],
    ['wasmtime@', /a runtime's version is a number like wasmtime@1\.2\.3/],
    ['wasmtime@latest', /a runtime's version is a number/],
    ['wasmtime@1.2.3.4', /a runtime's version is a number/],
    ['wasmtime@1@2', /a runtime's version is a number/],
  ])('%j throws', (text, message) => {
    expect(() => parseRuntimeRequest(text)).toThrow(message);
  });
});
