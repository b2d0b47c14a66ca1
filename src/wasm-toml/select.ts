import { closest } from './suggest.js';
import type { ImageSpec, ModuleSpec, SpecData } from './types.js';

export type Selection =
  | {
      ok: true;
      /** The modules to build, in file order. */
      modules: ModuleSpec[];
      /** The module the image runs. */
      entrypoint: ModuleSpec;
      /** The image config: the entrypoint's [module.image], with a top-level [image]'s labels and annotations over it. */
      image: ImageSpec;
    }
  | { ok: false; message: string; hint?: string };

/**
 * What one build produces for `--target` (BuildKit's `target` option; empty means none). Without a
 * top-level [image], one module: the target, or the first. With [image], every module in one image,
 * the target (or `image.entrypoint`) as its entrypoint.
 */
export function selectModules(spec: SpecData, target?: string): Selection {
  const names = spec.module.map((m) => m.name);
  const wanted = target || (spec.image ? spec.image.entrypoint : names[0]);
  const entrypoint = spec.module.find((m) => m.name === wanted);
  if (!entrypoint) {
    const near = closest(wanted ?? '', names);
    return {
      ok: false,
      message: `unknown target "${wanted}": the modules in this file are ${names.join(', ')}`,
      ...(near ? { hint: `did you mean "${near}"?` } : {}),
    };
  }
  if (!spec.image) return { ok: true, modules: [entrypoint], entrypoint, image: entrypoint.image };
  return {
    ok: true,
    modules: spec.module,
    entrypoint,
    image: {
      ...entrypoint.image,
      labels: { ...entrypoint.image.labels, ...spec.image.labels },
      annotations: { ...entrypoint.image.annotations, ...spec.image.annotations },
    },
  };
}
