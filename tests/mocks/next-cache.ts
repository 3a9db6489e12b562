// next/cache for integration tests: there is no Next cache to revalidate outside a Next server.
export const revalidatePath = () => {};
export const revalidateTag = () => {};
export const updateTag = () => {};
