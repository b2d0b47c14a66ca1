// Property-based fuzzing of wasm.toml -> spec -> driver -> LLB. Random text and mutated valid files must
// only ever give the parser's located errors (never a throw), and whatever a driver plans from a file
// that parses must marshal into a Definition that keeps LLB's invariants. A bounded run is part of
// `npm test`; `npm run fuzz` runs long (FUZZ_RUNS, default there 20000 per property).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driverFor } from '../../../frontend/languages/index.js';
import { FrontendError } from '../../../frontend/gateway/index.js';
import { marshal } from '../../../frontend/llb/index.js';
import { parseWasmToml, type Language } from '../../../src/wasm-toml/index.js';
import { decodeDefinition, type Decoded } from '../llb/decode.js';
import { runDriver } from '../frontend/driver-llb.js';
import { VALID_CASES } from '../wasm-toml/valid-cases.js';

const runs = Number(process.env.FUZZ_RUNS ?? 300);
const seeds = VALID_CASES.map((c) => c.toml);

/** Characters that matter to TOML and to the validator, and a few that should never matter. */
const alphabet = [...'[]{}="\'\n#.,-_: 0123azAZ\\$/*', '\u0000', '\u00e9', '\ud83d\ude00'];
const chunk = fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }).map((cs) => cs.join(''));
const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: chunk });

function mutate(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove);
  }
  return out;
}

const mutatedFile = fc
  .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([seed, edits]) => mutate(seed, edits));

function checkResult(text: string): void {
  const result = parseWasmToml(text, { filename: 'wasm.toml' });
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.message).not.toBe('');
  }
}

/** A file listing a driver finds its inputs in, per language. */
const listing: Partial<Record<Language, string[]>> = {
  c: ['hello.c', 'lib/util.c'],
  cpp: ['main.cpp'],
  go: ['go.mod', 'go.sum', 'main.go', 'cmd/app/main.go'],
  tinygo: ['go.mod', 'main.go'],
  assemblyscript: ['package.json', 'package-lock.json', 'assembly/index.ts'],
  zig: ['src/main.zig'],
  javascript: ['package.json', 'package-lock.json', 'src/index.js'],
  python: ['app.py', 'requirements.txt'],
};

/** LLB's invariants on a marshaled Definition. */
function checkDefinition(bytes: Uint8Array): void {
  const ops = decodeDefinition(bytes);
  const digests = new Set(ops.map((o) => o.digest));
  const terminal = ops.at(-1)!;
  // The terminal op is last: nothing but its one input.
  expect(Object.keys(terminal.op)).toEqual(['inputs']);
  expect((terminal.op.inputs as unknown[]).length).toBe(1);
  for (const op of ops) {
    for (const input of (op.op.inputs as { digest: string }[] | undefined) ?? []) {
      expect(digests.has(input.digest)).toBe(true);
    }
    const exec = op.op.exec as { mounts: Decoded[] } | undefined;
    if (!exec) continue;
    expect(exec.mounts.some((m) => m.dest === '/')).toBe(true);
    // Outputs are numbered 0..n-1 in mount order (proto3 leaves the root's 0 out; -1 is none).
    const outputs = exec.mounts
      .map((m) => (m.output as number | undefined) ?? 0)
      .filter((o, i) => o >= 0 && ((exec.mounts[i]!.mountType as number | undefined) ?? 0) === 0);
    expect(outputs).toEqual(outputs.map((_, i) => i));
  }
}

describe('fuzzing wasm.toml', () => {
  it('random text gives located errors, never a throw', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), checkResult), { numRuns: runs });
  });

  it('mutated valid files give located errors, never a throw', () => {
    fc.assert(fc.property(mutatedFile, checkResult), { numRuns: runs });
  });

  it('what a driver plans from a file that parses marshals into a valid Definition', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile, async (text) => {
        const result = parseWasmToml(text, { filename: 'wasm.toml' });
        if (!result.ok) return;
        for (const module of result.spec.module) {
          const files = module.language ? listing[module.language] : undefined;
          // A custom build runs its own argv (see no-shell.test.ts); the drivers are what is fuzzed here.
          if (!files || !module.language || module.build) continue;
          let run;
          try {
            run = await runDriver(driverFor(module.language)!, module, { files });
          } catch (e) {
            // A driver may refuse what the spec let through, as a user error at a key; nothing else.
            expect(e).toBeInstanceOf(FrontendError);
            continue;
          }
          checkDefinition(marshal(run.result.output).definition);
        }
      }),
      { numRuns: runs },
    );
  });
});
