import { describe, expect, it } from 'vitest';
import {
  COMMAND_ADAPTER,
  componentizeArgs,
  shipsComponentize,
  WASM_TOOLS_JS,
} from '../../../frontend/post-steps/componentize.js';

describe('componentize', () => {
  it('runs the frontend bundle as a tool on the frontend image', () => {
    expect(componentizeArgs('/in/m.wasm', '/out/m.wasm')).toEqual([
      '/usr/local/bin/node',
      '--liftoff-only',
      '/wasm-build/frontend.mjs',
      'componentize',
      '/in/m.wasm',
      '/out/m.wasm',
    ]);
  });

  it('finds jco and the adapter where frontend/Dockerfile puts them, and only there', () => {
    expect(WASM_TOOLS_JS).toBe(
      '/wasm-build/jco/node_modules/@bytecodealliance/jco-transpile/vendor/wasm-tools.js',
    );
    expect(COMMAND_ADAPTER).toBe('/wasm-build/jco/adapter/wasi_snapshot_preview1.command.wasm');
    // Not on a developer machine: the frontend then names the fix instead of writing a failing exec.
    expect(shipsComponentize()).toBe(false);
  });
});
