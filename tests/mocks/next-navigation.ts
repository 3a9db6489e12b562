// next/navigation for integration tests: redirect() throws a Redirect the test can
// recognise (its message is the target), as Next's own does for its router.
export class Redirect extends Error {}

export function redirect(to: string): never {
  throw new Redirect(to);
}
export function notFound(): never {
  throw new Error('notFound');
}
export function unstable_rethrow(err: unknown): void {
  if (err instanceof Redirect) throw err;
}
