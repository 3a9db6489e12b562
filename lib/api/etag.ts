// An incident's version as an HTTP validator: ETag "<version>" on read,
// If-Match "<version>" on update (optimistic concurrency, as the form does).
import { ApiError } from './errors';

export const versionEtag = (version: number) => `"${version}"`;

/** A strong or weak tag, quoted or bare: the version it names. */
const ONE_VERSION = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * The version If-Match names. Missing is 428 (an update must say what it
 * replaces); `*` or a list is 400: it would overwrite whatever is stored.
 */
export function versionFromIfMatch(header: string | null): number {
  if (header === null || !header.trim()) {
    throw new ApiError(428, 'Send If-Match with the version you read (the ETag of GET), e.g. If-Match: "3".');
  }
  const match = ONE_VERSION.exec(header.trim());
  if (!match) throw new ApiError(400, 'If-Match must name one version, e.g. If-Match: "3".');
  return Number(match[1]);
}

/** Whether If-None-Match already names this version (a 304). */
export function matchesIfNoneMatch(header: string | null, version: number): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || ONE_VERSION.exec(t)?.[1] === String(version);
  });
}
