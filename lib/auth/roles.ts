// Roles are ordered on a ladder: each one can do everything the ones before it can.
// `integration` stands beside the ladder (docs/decisions/034): a machine account
// for Alertmanager or Grafana that may post alerts and nothing else. Any rung
// would have implied more: the lowest one (viewer) reads every page, the API and
// MCP and manages tokens. So it holds no rung and passes only the
// 'integration' check, which authors and above pass too (they file incidents anyway).
export const LADDER = ['viewer', 'author', 'operator', 'admin'] as const;
export const ROLES = [...LADDER, 'integration'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'reads incidents and runbooks',
  author: 'files and edits postmortems',
  operator: 'launches diagnostic checks',
  admin: 'manages users, roles, hosts and the audit trail',
  integration: 'posts alerts from Alertmanager or Grafana, and nothing else',
};

/** The least ladder role that may also post alerts: an author files incidents anyway. */
export const ALERT_POSTER_MIN: Role = 'author';

const rank = (role: Role) => (LADDER as readonly string[]).indexOf(role);

export function hasRole(actual: Role | null | undefined, needed: Role): boolean {
  if (!actual) return false;
  if (needed === 'integration') return actual === 'integration' || rank(actual) >= rank(ALERT_POSTER_MIN);
  // An integration account holds no rung: it reads nothing, not even as a viewer.
  if (actual === 'integration') return false;
  return rank(actual) >= rank(needed);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
