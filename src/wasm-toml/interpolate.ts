// Build-arg references in values: `${NAME}` is replaced by the build arg's value, `$$` is a literal `$`,
// and any other `$` is left alone (so `$ORIGIN` or a regex `$` need no escaping). Only keys marked
// `interpolate` in the schema table are expanded; everything else is taken literally.

export interface TemplateRef {
  name: string;
  /** Offsets of `${NAME}` in the string. */
  start: number;
  end: number;
}

export interface TemplateProblem {
  start: number;
  end: number;
  message: string;
}

const REF = /\$\$|\$\{([^}]*)\}?/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function scanTemplate(value: string): { refs: TemplateRef[]; problems: TemplateProblem[] } {
  const refs: TemplateRef[] = [];
  const problems: TemplateProblem[] = [];
  for (const m of value.matchAll(REF)) {
    if (m[0] === '$$') continue;
    const start = m.index;
    const end = start + m[0].length;
    const name = m[1] ?? '';
    if (!m[0].endsWith('}'))
      problems.push({ start, end, message: `unterminated build arg reference "${m[0]}"` });
    else if (!NAME.test(name))
      problems.push({ start, end, message: `invalid build arg reference "${m[0]}"` });
    else refs.push({ name, start, end });
  }
  return { refs, problems };
}

/** Expands a value already checked by `scanTemplate`; every referenced name is in `values`. */
export function expandTemplate(value: string, values: Readonly<Record<string, string>>): string {
  return value.replace(REF, (whole: string, name: string | undefined) =>
    whole === '$$' ? '$' : (values[name ?? ''] ?? whole),
  );
}
