// Roles are ordered: each one can do everything the ones before it can.
export const ROLES = ['viewer', 'author', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'reads incidents and runbooks',
  author: 'files and edits postmortems',
  operator: 'launches diagnostic checks',
  admin: 'manages users, roles, hosts and the audit trail',
};

export function hasRole(actual: Role | null | undefined, needed: Role): boolean {
  if (!actual) return false;
  return ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
