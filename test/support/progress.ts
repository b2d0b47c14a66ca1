// Reading BuildKit's `--progress=plain` output: how a named step ended.

/**
 * How BuildKit's plain progress shows the step named `name`: `cached` when it printed CACHED, `imported`
 * when its only lines are the download of its result from an imported cache (BuildKit marks such a
 * vertex cached in its progress stream, but the plain printer ends it with DONE), `ran` otherwise.
 */
export function stepOutcome(output: string, name: RegExp): 'cached' | 'imported' | 'ran' | 'absent' {
  const lines = output.split('\n').map((l) => l.replace(/^\[[^\]]*\]\s+\|\s?/, ''));
  const start = lines.findIndex((l) => /^#\d+ /.test(l) && name.test(l.replace(/^#\d+ /, '')));
  if (start < 0) return 'absent';
  const id = lines[start]!.split(' ')[0]!;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(`${id} `)) continue;
    const rest = line.slice(id.length + 1);
    if (rest === 'CACHED') return 'cached';
    if (/^(DONE|ERROR)/.test(rest)) break;
    if (rest !== lines[start]!.slice(id.length + 1)) body.push(rest);
  }
  // `#12 sha256:<hex> 35.78kB / 35.78kB 0.1s done`, `#12 extracting sha256:<hex> done`, and the same
  // lines without `done` while a download is under way: sizes and times vary.
  const blob = /^(extracting )?sha256:[0-9a-f]{64}( [\d.]+[kMG]?B \/ [\d.]+[kMG]?B)?( [\d.]+s)?( done)?$/;
  // `#12 ...`: the printer switching to another step's lines and back.
  const blobOnly = body.every((l) => blob.test(l) || l === '...');
  return body.some((l) => blob.test(l)) && blobOnly ? 'imported' : 'ran';
}

/** The lines a step printed (its `#N ...` lines without the prefix), for assertions on what a tool said. */
export function stepLines(output: string, name: RegExp): string[] {
  const lines = output.split('\n');
  const ids = lines
    .filter((l) => /^#\d+ /.test(l) && name.test(l.replace(/^#\d+ /, '')))
    .map((l) => l.split(' ')[0]!);
  return lines.filter((l) => ids.some((id) => l.startsWith(`${id} `))).map((l) => l.replace(/^#\d+ /, ''));
}
