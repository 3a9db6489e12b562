// Password length limits, importable by browser forms (password-policy.ts, with
// its list of common passwords, is server-only).
/** Long enough that guessing by address-limited sign-in attempts is hopeless. */
export const PASSWORD_MIN = 12;
/** Scrypt hashes whatever it gets; a cap keeps a request from making it hash megabytes. */
export const PASSWORD_MAX = 128;
