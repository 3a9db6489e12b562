// The app's Better Auth instance over the app's one Prisma client, created on
// first use: `next build` imports this module with no database configured.
import 'server-only';
import { db } from '@/lib/db';
import { createAuth, type Auth } from './create-auth';

let instance: Auth | undefined;

export function getAuth(): Auth {
  instance ??= createAuth(db);
  return instance;
}
