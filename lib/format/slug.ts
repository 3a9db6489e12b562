/** Longest slug worth looking up; content slugs are capped at 120 characters. */
const SLUG_MAX = 120;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Whether a route segment could be a slug at all. Pages check it before querying
 * so junk URLs are a cheap 404 instead of a database round trip.
 */
export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX && SLUG_PATTERN.test(value);
}
