// Public API of multi-runtime publishing: what code outside src/publish uses.
export { publish, type PublishOptions } from './publisher.js';
export type { PublishResult } from './results.js';
export { PublishError } from './errors.js';
export { planTags, TagPlanError } from './tags.js';
export { packageAnnotations, publishPackage } from './package.js';
