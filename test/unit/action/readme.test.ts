// The README's tables of inputs and outputs say what action.yml says: the same names in the same order,
// and for every input with a default, that default.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../testbed/config.js';
import { readActionYml } from '../../support/action-yml.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The first column (a `name` in backticks) and the second of the table under `heading`. */
function table(heading: string): [string, string][] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no ${heading}`);
  const rows: [string, string][] = [];
  for (const line of readme.slice(start + heading.length + 2).split('\n')) {
    if (line.startsWith('#')) break;
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    const name = /^`([\w-]+)`$/.exec(cells[1] ?? '');
    if (name) rows.push([name[1]!, cells[2] ?? '']);
  }
  return rows;
}

describe('README', () => {
  const action = readActionYml();

  it('lists every input of action.yml, in its order, with its default', () => {
    const rows = table('### Inputs');
    expect(rows.map(([name]) => name)).toEqual(Object.keys(action.inputs));
    for (const [name, def] of rows) {
      const want = String(action.inputs[name]!.default ?? '');
      if (want) expect(def, name).toBe(`\`${want}\``);
    }
  });

  it('lists every output of action.yml, in its order', () => {
    expect(table('### Outputs').map(([name]) => name)).toEqual(Object.keys(action.outputs));
  });
});
