// action.yml as the runner reads it: its inputs with their defaults, its outputs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../testbed/config.js';

export interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post?: string };
}

export function readActionYml(): ActionYml {
  return parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as ActionYml;
}

/** Every input with its default as the runner passes it (a string; empty when none is given). */
export function actionDefaults(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(readActionYml().inputs).map(([k, v]) => [k, String(v.default ?? '')]),
  );
}
