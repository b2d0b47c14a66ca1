// BENCHMARKS.md from a results file. Only the part between the markers is generated; what the file says
// outside them (the causes of missed targets, read from the figures) is kept as written.
import { GROUPS, type Results } from './results.js';
import type { Summary } from './runner.js';

export const BEGIN =
  '<!-- bench:begin: written by `npm run bench` from bench/results/; edits here are replaced -->';
export const END = '<!-- bench:end -->';

/** A Markdown table; cells are escaped for pipes. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cell = (c: string | number) => String(c).replaceAll('|', '\\|');
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

const sec = (ms: number | undefined) => (ms === undefined ? '' : `${(ms / 1000).toFixed(2)} s`);
const msec = (ms: number | undefined) => (ms === undefined ? '' : `${Math.round(ms)} ms`);
const ratio = (r: number | undefined) => (r === undefined ? '' : `${r.toFixed(2)}x`);
const bytes = (n: number) => n.toLocaleString('en-US');
const v = (s: Summary, name: string) => s.variants[name];

export function renderReport(r: Results): string {
  const out: string[] = [];
  const gib = (r.machine.memoryBytes / 2 ** 30).toFixed(1);
  out.push(
    `Measured by \`${r.command}\` with BENCH_RUNS=${r.runs} on ${r.date.slice(0, 10)}, in ${Math.round(r.seconds)} s` +
      `${r.groups.length < GROUPS.length ? ` (groups: ${r.groups.join(', ')})` : ''}. Machine: ${r.machine.cores} cores, ` +
      `${gib} GiB, ${r.machine.cpu}; load average at the start ${r.machine.loadAverage.map((l) => l.toFixed(2)).join(', ')}. ` +
      `${r.machine.note}`,
    '',
    `Versions: ${Object.entries(r.versions)
      .map(([k, val]) => `${k} \`${val}\``)
      .join(', ')}.`,
    '',
    `Every comparison is the median, over the runs, of A's time over B's in the same run, A and B alternating ` +
      `(A B, then B A, ...); times are medians. Raw figures: \`bench/results/${r.date.slice(0, 10)}.json\`.`,
    '',
    '### Targets',
    '',
    table(
      ['figure', 'measured', 'target', 'met', 'what the run shows'],
      r.targets.map((t) => [t.figure, t.value, t.target, t.met ? 'yes' : '**no**', t.evidence]),
    ),
  );
  if (r.build) {
    out.push(
      '',
      '### 1. Build time: frontend vs Dockerfile, same buildkitd',
      '',
      'Cold: the build cache pruned before each build (cache mounts included), pulled images kept (the ' +
        "frontend image's pull is in section 6). Dockerfile: BuildKit's built-in `dockerfile.v0`; `# syntax=`: " +
        "the same Dockerfile through BuildKit's Dockerfile frontend image; cache mounts: the Dockerfile with " +
        "cargo's target dir or Go's build cache in a cache mount.",
      '',
      table(
        [
          'example',
          'case',
          'frontend',
          'Dockerfile',
          'cache mounts',
          '`# syntax=`',
          'ratios',
          'frontend wasm-opt',
          'frontend compile',
        ],
        r.build.map((c) => [
          c.example,
          c.case,
          sec(v(c, 'frontend')?.ms),
          sec(v(c, 'dockerfile')?.ms),
          sec(v(c, 'dockerfile-cache-mounts')?.ms),
          sec(v(c, 'dockerfile-syntax')?.ms),
          Object.entries(c.ratios)
            .map(([k, x]) => `${k.replace('frontend/', '').replace('dockerfile', 'Dockerfile')} ${ratio(x)}`)
            .join(', '),
          sec(v(c, 'frontend')?.metrics.wasmOptMs),
          sec(v(c, 'frontend')?.metrics.compileMs),
        ]),
      ),
      '',
      '### 2. Frontend overhead (traced builds: `--build-arg WASM_BUILD_FRONTEND_TRACE=1`)',
      '',
      'Start to first Solve as buildkitd reports it: from the frontend image being ready to the first vertex ' +
        "the frontend asks for. The rest comes from the frontend's `trace:` line: its process start (Node's " +
        'time origin), first Solve, Return, peak RSS and gateway calls.',
      '',
      table(
        [
          'example',
          'case',
          'start to first Solve',
          'container to node',
          'node to first Solve',
          'node to Return',
          'calls',
          'peak RSS',
        ],
        r.build.map((c) => {
          const m = v(c, 'frontend')?.metrics ?? {};
          return [
            c.example,
            c.case,
            msec(m.startToSolveMs),
            msec(m.containerMs),
            msec(m.processToSolveMs),
            msec(m.ownMs),
            String(m.rpcs ?? ''),
            c.peakRssMiB ? `${((c.peakRssMiB * 2 ** 20) / 1e6).toFixed(1)} MB` : '',
          ];
        }),
      ),
    );
    const syntax = r.build.find((c) => c.case === 'no-op' && c.example === 'hello-c');
    if (syntax) {
      out.push(
        '',
        `BuildKit's Dockerfile frontend (\`# syntax=\`), same measure, hello-c no-op: start to first Solve ` +
          `${msec(v(syntax, 'dockerfile-syntax')?.metrics.startToSolveMs)}. Gateway calls of the wasm frontend on that no-op: ` +
          `${Object.entries(syntax.calls ?? {})
            .map(([m, n]) => `${m} ${n}`)
            .join(', ')}.`,
      );
    }
  }
  if (r.scale) {
    const s = r.scale;
    out.push(
      '',
      `### 3. Scale: C modules in one wasm.toml (each run edits every module)`,
      '',
      table(
        ['modules', 'time', 'vs 1', 'steps at once (avg)', 'compile (summed)', 'wasm-opt (summed)'],
        Object.entries(s.variants).map(([n, vs]) => [
          n,
          sec(vs.ms),
          n === '1' ? '1.00x' : ratio(s.ratios[`${n}/1`]),
          vs.metrics.parallelism?.toFixed(2) ?? '',
          sec(vs.metrics.compileMs),
          sec(vs.metrics.wasmOptMs),
        ]),
      ),
    );
  }
  if (r.size) {
    out.push(
      '',
      '### 4. Image size (bytes)',
      '',
      'Image: manifest + config + layer, as the registry stores it; overhead: the manifest and the config. ' +
        '`wasm-opt = "Os"`: the same build opting into binaryen\'s optimiser (the default is `none`), and how long that step ran.',
      '',
      table(
        ['example', 'build', 'module', 'module gzipped', 'layer', 'config', 'manifest', 'image', 'overhead'],
        r.size.flatMap((e) =>
          (
            [
              ['frontend', e.frontend],
              [`frontend, \`wasm-opt = "Os"\` (the step: ${sec(e.wasmOptMs)})`, e.frontendWasmOpt],
              ['Dockerfile', e.dockerfile],
            ] as const
          ).map(([name, z]) => [
            e.example,
            name,
            bytes(z.moduleBytes),
            bytes(z.gzipModuleBytes),
            bytes(z.layerBytes),
            bytes(z.configBytes),
            bytes(z.manifestBytes),
            bytes(z.imageBytes),
            bytes(z.overheadBytes),
          ]),
        ),
      ),
    );
  }
  if (r.push) {
    const p = r.push;
    out.push(
      '',
      `### 5. Push cost (hello-c; publisher: ${p.tags.join(', ')}; crane: one tag)`,
      '',
      table(
        [
          'pusher',
          'time',
          'blob bytes',
          'uploads / distinct blobs',
          'manifests',
          'requests',
          're-push time',
          're-push blob bytes',
          're-push requests',
        ],
        Object.entries(p.variants).map(([name, vs]) => {
          const m = vs.metrics;
          return [
            name,
            msec(vs.ms),
            bytes(m.blobBytes ?? 0),
            `${m.blobUploads} / ${m.distinctBlobs}`,
            String(m.manifestPuts),
            String(m.requests),
            msec(m.repushMs),
            bytes(m.repushBlobBytes ?? 0),
            String(m.repushRequests),
          ];
        }),
      ),
    );
  }
  if (r.frontendImage) {
    const f = r.frontendImage;
    out.push(
      '',
      '### 6. Frontend image: size and pull into a fresh buildkitd',
      '',
      table(
        [
          'image',
          'reference',
          'compressed',
          'layers',
          'pull (fresh buildkitd)',
          'pull, start and answer `--call=targets`',
        ],
        Object.entries(f.images).map(([name, img]) => [
          name,
          `\`${img.ref}\``,
          `${(img.compressedBytes / 1e6).toFixed(1)} MB`,
          String(img.layers),
          sec(v(f, name)?.ms),
          sec(v(f, name)?.metrics.callMs),
        ]),
      ),
      '',
      `Pull ratio frontend / Dockerfile frontend: ${ratio(f.ratios['frontend/dockerfile-frontend'])}.`,
    );
  }
  if (r.verification) {
    const e = r.verification;
    out.push(
      '',
      `### 7. Verification: ${e.cases} generated cases of textkit (${bytes(e.moduleBytes)} B of wasm), ${e.jobs} at once`,
      '',
      `\`wasm-build test -r ${e.runtimes.join(',')}\` (the test phase, a new work directory each run, so each ` +
        `runtime compiles the module once) vs the same cases on textkit built for this machine: ` +
        `${sec(v(e, 'verify')?.ms)} vs ${sec(v(e, 'native')?.ms)}, ${ratio(e.ratios['verify/native'])}.`,
      '',
      table(
        ['runtime', 'a case (median)', "the runtime's floor", 'over the floor'],
        Object.entries(e.perCase).map(([rt, c]) => [
          rt,
          msec(c.caseMs),
          msec(c.floorMs),
          ratio(c.caseMs / c.floorMs),
        ]),
      ),
      '',
      "The floor: one run of the compiled module doing nothing (`textkit exit 0`), alone: wasmtime's .cwasm, " +
        "wazero's cache, node instantiating the compiled module in the process that compiled it.",
    );
  }
  return out.join('\n') + '\n';
}

/** The file with its generated part replaced (or a new file: a title, the part, a place for the analysis). */
export function spliceReport(existing: string | undefined, generated: string): string {
  const part = `${BEGIN}\n\n${generated}\n${END}`;
  if (existing?.includes(BEGIN) && existing.includes(END)) {
    return (
      existing.slice(0, existing.indexOf(BEGIN)) + part + existing.slice(existing.indexOf(END) + END.length)
    );
  }
  return `# Benchmarks\n\n${part}\n\n## What the figures show\n\n(Causes of the targets missed, read from the figures above.)\n`;
}
