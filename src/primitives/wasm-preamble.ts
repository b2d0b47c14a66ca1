// What the first 8 bytes of a file say it is: a WebAssembly core module, a component, or something
// else (named as precisely as 8 bytes allow, so an error tells the user what went wrong). The frontend
// checks build outputs with it; the publisher classifies the module it puts in the CNCF artifact.
//
// Binary layout: the magic `\0asm`, then a little-endian u16 version and u16 layer. A core module is
// version 1, layer 0 (`01 00 00 00`); a component is version 0x0d, layer 1 (`0d 00 01 00`); earlier
// component versions (0x0a-0x0c) were pre-standard drafts that current runtimes refuse.
/** How many bytes `inspectHeader` needs. */
export const HEADER_LENGTH = 8;

export type WasmKind = 'module' | 'component';

const COMPONENT_VERSION = 0x0d;

export type Header =
  | { wasm: true; kind: WasmKind }
  /** `found` completes "found ...", e.g. "an ELF file (a native executable...)". */
  | { wasm: false; found: string };

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);

const hexBytes = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** Printable text: UTF-8 without control characters other than tab, CR, LF (a cut last character is fine). */
function isText(bytes: Uint8Array): boolean {
  if (bytes.some((b) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;

/** Whether the bytes start with WebAssembly's magic, `\0asm`. */
export function hasWasmMagic(bytes: Uint8Array): boolean {
  return startsWith(bytes, MAGIC);
}

/** Classifies the start of a file (`bytes` may be shorter than HEADER_LENGTH for a short file). */
export function inspectHeader(bytes: Uint8Array): Header {
  const head = bytes.subarray(0, HEADER_LENGTH);
  if (head.length === 0) return { wasm: false, found: 'an empty file' };
  if (hasWasmMagic(head)) {
    if (head.length < HEADER_LENGTH) {
      return { wasm: false, found: `a truncated WebAssembly binary (${head.length} bytes)` };
    }
    const version = head[4]! | (head[5]! << 8);
    const layer = head[6]! | (head[7]! << 8);
    if (layer === 0 && version === 1) return { wasm: true, kind: 'module' };
    if (layer === 1 && version === COMPONENT_VERSION) return { wasm: true, kind: 'component' };
    if (layer === 1) {
      return {
        wasm: false,
        found: `a pre-standard component (binary version 0x${version.toString(16).padStart(2, '0')}, current runtimes need 0x0d); rebuild it with a current toolchain`,
      };
    }
    return { wasm: false, found: `a WebAssembly binary of unknown version ${version}, layer ${layer}` };
  }
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) {
    return { wasm: false, found: 'an ELF file (a native executable or library, or a precompiled .cwasm)' };
  }
  if (startsWith(head, [0x4d, 0x5a])) return { wasm: false, found: 'a Windows executable (PE)' };
  if (
    startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xca, 0xfe, 0xba, 0xbe])
  ) {
    return { wasm: false, found: 'a Mach-O executable (or a Java class file)' };
  }
  if (startsWith(head, [0x1f, 0x8b])) return { wasm: false, found: 'gzip-compressed data' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { wasm: false, found: 'a zip archive' };
  if (startsWith(head, [0x21, 0x3c, 0x61, 0x72, 0x63, 0x68, 0x3e])) {
    return { wasm: false, found: 'an ar archive (a static library, not a linked module)' };
  }
  if (isText(head)) {
    const text = new TextDecoder().decode(head);
    const trimmed = text.trimStart();
    if (trimmed.startsWith('#!')) return { wasm: false, found: `a script (${JSON.stringify(text)}...)` };
    if (/^\((?:mod|comp)/.test(trimmed)) {
      return {
        wasm: false,
        found: `WebAssembly text (${JSON.stringify(text)}...), which runtimes do not load; compile it to a binary (e.g. \`wasm-tools parse\`)`,
      };
    }
    return { wasm: false, found: `a text file starting ${JSON.stringify(text)}` };
  }
  return { wasm: false, found: `unrecognised data (first bytes ${hexBytes(head)})` };
}
