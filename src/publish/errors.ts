// What a failed publish tells its caller: exactly which tags made it and which did not.
import { OciError } from '../oci/index.js';
import type { BlobReport, PublishedTag } from './results.js';

export class PublishError extends OciError {
  constructor(
    readonly repository: string,
    /** Tags pushed before the failure, with their digests: these are live in the registry. */
    readonly pushed: PublishedTag[],
    /** Tags not pushed. */
    readonly notPushed: string[],
    /** Blobs handled before the failure. */
    readonly blobs: BlobReport[],
    cause: unknown,
    /** Tags whose push got no answer and that the registry could not be asked about: they may be there. */
    readonly unconfirmed: string[] = [],
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const done = pushed.length ? `pushed ${pushed.map((t) => t.tag).join(', ')}` : 'pushed no tags';
    const left = notPushed.length ? `; not pushed: ${notPushed.join(', ')}` : '';
    const unsure = unconfirmed.length
      ? `; unconfirmed (the registry's answer was lost): ${unconfirmed.join(', ')}`
      : '';
    super(`publishing to ${repository} failed (${done}${left}${unsure}): ${why}`, 'PUBLISH_FAILED', {
      cause,
    });
  }
}
