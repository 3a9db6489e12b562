// next/server for integration tests: the real module, but connection() (which only
// tells Next a page is dynamic) resolves at once outside a request.
export async function withoutConnection(original: <T>() => Promise<T>) {
  return { ...(await original<object>()), connection: async () => {} };
}
