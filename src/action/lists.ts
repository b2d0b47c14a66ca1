// List inputs the way docker/build-push-action reads them: one item a line, or comma-separated with
// double quotes around an item that holds a comma; lines starting with `#` are comments. Values that
// contain commas by nature (build args, labels, annotations) split on newlines only.

export function parseList(text: string, opts: { ignoreComma?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    if (opts.ignoreComma) {
      out.push(line);
      continue;
    }
    out.push(...splitCsvLine(line));
  }
  return out.filter((item) => item !== '');
}

/** One CSV line: commas separate, `"..."` quotes (a doubled `""` inside is one quote). */
function splitCsvLine(line: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (c === ',') {
      items.push(current.trim());
      current = '';
    } else current += c;
  }
  if (quoted) throw new Error(`unterminated quote in "${line}"`);
  items.push(current.trim());
  return items;
}
