import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The invalid corpus: each file starts with comment lines that say what the parser must report.
//   # schema: reject | accept | none   whether the JSON Schema rejects the file (none: not valid TOML)
//   # expect: L:C-EL:EC message          one per error, in order
//   #   hint: text                       the hint of the error above, if it has one

export interface ExpectedError {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  hint?: string;
}

export interface CorpusFile {
  name: string;
  text: string;
  schema: 'reject' | 'accept' | 'none';
  errors: ExpectedError[];
}

const dir = fileURLToPath(new URL('./invalid/', import.meta.url));

export function readCorpus(): CorpusFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.toml'))
    .sort()
    .map((name) => parseHeader(name, readFileSync(`${dir}${name}`, 'utf8')));
}

function parseHeader(name: string, text: string): CorpusFile {
  let schema: CorpusFile['schema'] | undefined;
  const errors: ExpectedError[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const s = /^# schema: (reject|accept|none)$/.exec(line);
    const e = /^# expect: (\d+):(\d+)-(\d+):(\d+) (.+)$/.exec(line);
    const h = /^# {3}hint: (.+)$/.exec(line);
    if (s) schema = s[1] as CorpusFile['schema'];
    else if (e) {
      const [, l, c, el, ec, message] = e;
      errors.push({
        line: +(l ?? 0),
        column: +(c ?? 0),
        endLine: +(el ?? 0),
        endColumn: +(ec ?? 0),
        message: message ?? '',
      });
    } else if (h && errors.length > 0) {
      const last = errors[errors.length - 1];
      if (last) last.hint = h[1];
    } else throw new Error(`${name}: unrecognised header line ${JSON.stringify(line)}`);
  }
  if (!schema) throw new Error(`${name}: missing "# schema:" line`);
  if (errors.length === 0) throw new Error(`${name}: no "# expect:" line`);
  return { name, text, schema, errors };
}
