import { expect, type Page } from '@playwright/test';
import type { TestUser } from './fixtures';

/** Signs in through Better Auth's endpoint; the page's context keeps the cookie. */
export async function signInWithApi(page: Page, baseURL: string, user: TestUser) {
  const res = await page.request.post('/api/auth/sign-in/email', {
    headers: { origin: baseURL },
    data: { email: user.email, password: user.password },
  });
  expect(res.status()).toBe(200);
}
