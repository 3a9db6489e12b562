// What host writes outside the form actions (the JSON API) share with them.
import { revalidatePath } from 'next/cache';
import { Prisma } from '@/lib/generated/prisma/client';

/** The pages that list hosts, as the actions in ./actions.ts refresh them. */
export function refreshHostPages(): void {
  for (const path of ['/admin/hosts', '/hosts']) revalidatePath(path);
}

/** A taken host name (the database's unique index). */
export const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
