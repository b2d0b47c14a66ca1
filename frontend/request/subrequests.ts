// Answers to `buildx build --call=...` (subrequests): what this frontend supports, the modules a file
// defines, and the build args it declares. Replies carry metadata only, no image.
import type { Spec } from '../../src/wasm-toml/index.js';
import { unsupportedSubrequestError, type FrontendResult, type SourceFile } from '../gateway/index.js';

const DESCRIBE = 'frontend.subrequests.describe';
const TARGETS = 'frontend.targets';
const OUTLINE = 'frontend.outline';
const VERSION = '1.0.0';

export function isSubrequest(requestId: string | undefined): requestId is string {
  return requestId !== undefined && requestId !== '';
}

/** Subrequests answerable without reading wasm.toml. */
export function describe(requestId: string): FrontendResult | undefined {
  if (requestId !== DESCRIBE) return undefined;
  const meta = [
    { name: 'result.json', description: '' },
    { name: 'result.txt', description: '' },
  ];
  const request = (name: string, description: string) => ({
    name,
    version: VERSION,
    type: 'rpc',
    description,
    opts: [],
    inputs: [],
    metadata: meta,
    refs: [],
  });
  const list = [
    request(DESCRIBE, 'List available subrequest types'),
    request(OUTLINE, 'List all parameters current build target supports'),
    request(TARGETS, 'List all targets current build supports'),
  ];
  const txt = list
    .map((r) => `${r.name.replace(/^frontend\./, '')}\t${r.version}\t${r.description}`)
    .join('\n');
  return reply(list, txt + '\n');
}

/** `--call=targets` and `--call=outline` for a parsed spec; throws the Subrequest error for others. */
export function answer(
  requestId: string,
  spec: Spec,
  file: SourceFile,
  target: string | undefined,
): FrontendResult {
  const sources = [Buffer.from(file.data).toString('base64')];
  // What a build without --target builds: the file's first module, or with [image] its entrypoint.
  const byDefault = spec.image ? spec.image.entrypoint : spec.module[0]!.name;
  if (requestId === TARGETS) {
    const targets = spec.module.map((m, i) => ({
      name: m.name,
      ...(m.name === byDefault ? { default: true } : {}),
      ...(m.description ? { description: m.description } : {}),
      platform: 'wasi/wasm',
      location: location(spec, ['module', i]),
    }));
    const width = Math.max(6, ...targets.map((t) => t.name.length + (t.default ? 10 : 0)));
    const rows = targets.map((t) =>
      `${(t.default ? `${t.name} (default)` : t.name).padEnd(width)}  ${t.description ?? ''}`.trimEnd(),
    );
    return reply({ targets, sources }, [`${'TARGET'.padEnd(width)}  DESCRIPTION`, ...rows].join('\n') + '\n');
  }
  if (requestId === OUTLINE) {
    const name = target || byDefault;
    const module = spec.module.find((m) => m.name === name);
    const args = Object.entries(spec['build-args']).map(([argName, value]) => ({
      name: argName,
      value,
      location: location(spec, ['build-args', argName]),
    }));
    const outline = {
      name,
      ...(module?.description ? { description: module.description } : {}),
      args,
      sources,
    };
    const width = Math.max(4, ...args.map((a) => a.name.length));
    const rows = args.map((a) => `${a.name.padEnd(width)}  ${a.value}`);
    return reply(
      outline,
      [`TARGET: ${name}`, '', `${'NAME'.padEnd(width)}  VALUE`, ...rows].join('\n') + '\n',
    );
  }
  throw unsupportedSubrequestError(requestId);
}

function location(spec: Spec, path: (string | number)[]) {
  const r = spec.locate(path);
  return { sourceIndex: 0, ranges: [{ start: { line: r.line }, end: { line: r.endLine } }] };
}

function reply(json: unknown, txt: string): FrontendResult {
  return {
    metadata: {
      'result.json': JSON.stringify(json, null, 2),
      'result.txt': txt,
      version: VERSION,
    },
  };
}
