// Just enough of the WebAssembly binary formats to describe a module for the CNCF artifact: core
// module or component (preamble), and a component's top-level import and export names.
//
// Why a reader of our own: the names sit in the component's import and export sections, which take a few
// dozen lines to walk, deterministically and without running anything. The maintained JS packages that
// understand components are jco's: wasm-tools compiled to WebAssembly (2.4 MB, plus preview2-shim to run
// it) that would go into the action's bundle, and whose `component wit` answers with WIT text to parse
// again. The general-purpose JS Wasm parsers (@webassemblyjs and the like) read core modules only. The
// names match what oci-wasm (the CNCF artifact's Rust implementation) takes from the decoded world:
// test/e2e/components.test.ts checks them against `wasm-tools component wit` for every component example.

import { hasWasmMagic, inspectHeader, type WasmKind } from '../primitives/wasm-preamble.js';

export type { WasmKind };

export interface WasmInfo {
  kind: WasmKind;
  /** Component only: top-level import names (e.g. "wasi:cli/environment@0.2.0"), sorted, unique. */
  imports: string[];
  /** Component only: top-level export names (e.g. "wasi:cli/run@0.2.0"), sorted, unique. */
  exports: string[];
}

export class WasmFormatError extends Error {
  constructor(message: string) {
    super(`not a valid WebAssembly binary: ${message}`);
    this.name = 'WasmFormatError';
  }
}

/** Core module or component, from the preamble; anything else is refused with what it looks like. */
export function wasmKind(bytes: Uint8Array): WasmKind {
  const header = inspectHeader(bytes);
  if (header.wasm) return header.kind;
  throw new WasmFormatError(
    hasWasmMagic(bytes) ? `found ${header.found}` : `missing the \\0asm magic: found ${header.found}`,
  );
}

class Reader {
  constructor(
    private readonly b: Uint8Array,
    public pos: number,
    private readonly end: number,
  ) {}
  byte(): number {
    if (this.pos >= this.end) throw new WasmFormatError('unexpected end of section');
    return this.b[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new WasmFormatError('LEB128 too long');
    }
  }
  /** Signed LEB128 up to 33 bits (component valtype encoding); only its extent matters here. */
  s33(): void {
    for (let i = 0; i < 5; i++) if ((this.byte() & 0x80) === 0) return;
    throw new WasmFormatError('LEB128 too long');
  }
  name(): string {
    const len = this.u32();
    if (this.pos + len > this.end) throw new WasmFormatError('name runs past its section');
    const s = Buffer.from(this.b.buffer, this.b.byteOffset + this.pos, len).toString('utf8');
    this.pos += len;
    return s;
  }
}

// Component binary format (component-model Binary.md): section ids for imports and exports.
const importSection = 10;
const exportSection = 11;

function externName(r: Reader): string {
  const tag = r.byte();
  const name = r.name();
  if (tag === 0x01)
    r.name(); // a version suffix follows the name in this (newer) form
  else if (tag !== 0x00) throw new WasmFormatError(`unknown extern name form 0x${tag.toString(16)}`);
  return name;
}

function skipExternDesc(r: Reader): void {
  const tag = r.byte();
  switch (tag) {
    case 0x00: // core module: 0x11 typeidx
      r.byte();
      r.u32();
      return;
    case 0x01: // func
    case 0x04: // component
    case 0x05: // instance
      r.u32();
      return;
    case 0x02: // value: eq valueidx | valtype
      if (r.byte() === 0x00) r.u32();
      else r.s33();
      return;
    case 0x03: // type: eq typeidx | sub resource
      if (r.byte() === 0x00) r.u32();
      return;
    default:
      throw new WasmFormatError(`unknown extern descriptor 0x${tag.toString(16)}`);
  }
}

function skipSortIdx(r: Reader): void {
  if (r.byte() === 0x00) r.byte(); // core sort
  r.u32();
}

/** Kind, and for components the names of their top-level imports and exports. */
export function inspectWasm(bytes: Uint8Array): WasmInfo {
  const kind = wasmKind(bytes);
  const info: WasmInfo = { kind, imports: [], exports: [] };
  if (kind === 'module') return info;
  const imports = new Set<string>();
  const exports = new Set<string>();
  let pos = 8;
  while (pos < bytes.length) {
    const head = new Reader(bytes, pos, bytes.length);
    const id = head.byte();
    const size = head.u32();
    const start = head.pos;
    const end = start + size;
    if (end > bytes.length) throw new WasmFormatError(`section ${id} runs past the end`);
    // Nested components and core modules are sections of their own and are skipped whole here.
    if (id === importSection || id === exportSection) {
      const r = new Reader(bytes, start, end);
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        const name = externName(r);
        if (id === importSection) {
          skipExternDesc(r);
          imports.add(name);
        } else {
          skipSortIdx(r);
          if (r.byte() === 0x01) skipExternDesc(r); // optional ascribed type
          exports.add(name);
        }
      }
    }
    pos = end;
  }
  info.imports = [...imports].sort();
  info.exports = [...exports].sort();
  return info;
}
