// Which repositories of one registry are known to hold a blob: the mount sources for later pushes
// (as docker does), so a second repository of the same registry mounts instead of uploading.

export class BlobLocations {
  private readonly byDigest = new Map<string, Set<string>>();

  remember(digest: string, repository: string): void {
    let repos = this.byDigest.get(digest);
    if (!repos) this.byDigest.set(digest, (repos = new Set()));
    repos.add(repository);
  }

  /** Repositories seen holding `digest`, in the order they were seen. */
  of(digest: string): string[] {
    return [...(this.byDigest.get(digest) ?? [])];
  }
}
