import { describe, expect, it } from 'vitest';
import { summaryMarkdown } from '../../../src/action/summary.js';
import { ARTIFACT_DIGEST, IMAGE_DIGEST, sampleReport } from './report.js';

const HEADER = '| module | test | runtime | result | time |';

/** The rows of the table that starts with `header`, without the header and its rule. */
function tableRows(markdown: string, header: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 2, end);
}

describe('summaryMarkdown', () => {
  const md = summaryMarkdown(sampleReport());

  it('titles the file', () => {
    expect(md.split('\n')[0]).toBe('## wasm-build: app/wasm.toml');
  });

  it('has one row per test, escaping | and < and giving each runtime its version', () => {
    expect(tableRows(md, HEADER)).toEqual([
      '| hello | greets | wasmtime 48.0.8 | passed | 12 ms |',
      '| hello | a\\|b &lt;c&gt; | node 20.20.2 | failed: stdout "ho", expected "hi"; exit code 1, expected 0 | 30 ms |',
    ]);
  });

  it('lists every tag with its digest', () => {
    expect(tableRows(md, '| tag | kind | digest |')).toEqual([
      `| ghcr.io/o/hello:1 | image | ${IMAGE_DIGEST} |`,
      `| ghcr.io/o/hello:1-wasm | artifact | ${ARTIFACT_DIGEST} |`,
      `| ghcr.io/o/hello:1-wasmtime | runtime (wasmtime) | ${IMAGE_DIGEST} |`,
    ]);
  });

  it('lists each module with the image digest', () => {
    expect(tableRows(md, '| module | kind | module size | image size | image digest |')).toEqual([
      `| /hello.wasm | module | 1234 bytes | 2048 bytes | ${IMAGE_DIGEST} |`,
    ]);
  });

  it('names the failed phase and its message', () => {
    const report = { ...sampleReport(), ok: false, failure: { phase: 'push' as const, message: 'denied' } };
    const lines = summaryMarkdown(report).split('\n');
    expect(lines[0]).toBe('## wasm-build: app/wasm.toml failed (push)');
    expect(lines.slice(2, 5)).toEqual(['```', 'denied', '```']);
  });

  it('has no test table without tests, nor a tag table without tags', () => {
    const report = sampleReport();
    report.tests = [];
    report.images[0]!.tags = [];
    const out = summaryMarkdown(report);
    expect(out).not.toContain(HEADER);
    expect(out).not.toContain('| tag | kind | digest |');
    expect(out).not.toContain('How to run it');
  });
});

// The pull command names the artifact tag that was pushed, whatever its suffix, and none when none was.
describe('summaryMarkdown: how to run, with another artifact suffix or none', () => {
  const withArtifact = (reference: string | undefined) => {
    const report = sampleReport();
    const tags = report.images[0]!.tags;
    report.images[0]!.tags = tags.filter((t) => t.kind !== 'artifact');
    if (reference) report.images[0]!.tags.push({ ...tags[1]!, reference, tag: reference.split(':')[1]! });
    return summaryMarkdown(report);
  };

  it('pulls the artifact tag that was pushed', () => {
    expect(withArtifact('ghcr.io/o/hello:1.wasm')).toContain('wkg oci pull ghcr.io/o/hello:1.wasm ');
  });

  it('names no artifact tag when none was pushed', () => {
    expect(withArtifact(undefined)).not.toContain('wkg oci pull');
  });

  it('runs T the ways the runwasi matrix verified: ctr, and docker with the network it allows', () => {
    const out = withArtifact(undefined);
    const t = sampleReport().images[0]!.tags[0]!.reference;
    expect(out).toContain(
      `ctr image pull --platform wasi/wasm ${t}\nctr run --rm --runtime io.containerd.wasmtime.v1 ${t} `,
    );
    expect(out).toContain(
      `docker run --runtime=io.containerd.wasmtime.v1 --platform=wasi/wasm --network=host ${t}`,
    );
  });

  it('pulls <tag>-wasm with the default suffix', () => {
    expect(withArtifact('ghcr.io/o/hello:1-wasm')).toContain('wkg oci pull ghcr.io/o/hello:1-wasm ');
  });
});
