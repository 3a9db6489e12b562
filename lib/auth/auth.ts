// The app's Better Auth instance over the app's one Prisma client.
import 'server-only';
import { db } from '@/lib/db';
import { createAuth } from './create-auth';

export const auth = createAuth(db);
