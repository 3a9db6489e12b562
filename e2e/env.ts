// Shared by playwright.config.ts and scripts/test.ts: the e2e server's signing
// secret also seals the e2e host's agent secret, so both must agree.
export const E2E_AUTH_SECRET = 'e2e-only-secret-not-for-production-0123456789';
