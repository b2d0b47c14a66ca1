// Image references in the fully qualified form BuildKit's client puts in `docker-image://` ids
// (distribution/reference ParseNormalizedNamed + TagNameOnly): `rust:1.80` becomes
// `docker.io/library/rust:1.80`, `alpine` becomes `docker.io/library/alpine:latest`.

const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainRe = new RegExp(`^${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?$`);
const pathRe = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

export function normalizeImageRef(ref: string): string {
  const bad = (why: string): Error => new Error(`invalid image reference ${JSON.stringify(ref)}: ${why}`);
  const at = ref.indexOf('@');
  const digest = at < 0 ? undefined : ref.slice(at + 1);
  let name = at < 0 ? ref : ref.slice(0, at);
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }

  // The first component is a registry only if it looks like a host; otherwise it is Docker Hub.
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  let domain = 'docker.io';
  let path = name;
  if (slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
    domain = first === 'index.docker.io' ? 'docker.io' : first;
    path = name.slice(slash + 1);
  }
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;

  if (!domainRe.test(domain)) throw bad('bad registry host');
  if (!pathRe.test(path)) throw bad('repository name must be lowercase letters, digits and separators');
  if (tag !== undefined && !tagRe.test(tag)) throw bad('bad tag');
  if (digest !== undefined && !digestRe.test(digest)) throw bad('bad digest');

  let out = `${domain}/${path}`;
  if (tag !== undefined) out += `:${tag}`;
  else if (digest === undefined) out += ':latest';
  if (digest !== undefined) out += `@${digest}`;
  return out;
}
