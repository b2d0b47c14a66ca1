// The pipeline's log on a runner: phases as collapsible groups, problems as annotations on their line.
import * as core from '@actions/core';
import type { FileLocation, Logger } from '../pipeline/index.js';

function properties(where?: FileLocation): core.AnnotationProperties {
  if (!where) return {};
  const p: core.AnnotationProperties = { file: where.file, startLine: where.line };
  if (where.column) p.startColumn = where.column;
  return p;
}

export function actionLogger(): Logger {
  return {
    group: (title, fn) => core.group(title, fn),
    info: (message) => core.info(message),
    warning: (message, where) => core.warning(message, properties(where)),
    error: (message, where) => core.error(message, properties(where)),
    output: (chunk) => process.stdout.write(chunk),
  };
}
