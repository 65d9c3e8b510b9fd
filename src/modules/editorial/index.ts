// The editorial module's door: staff accounts, roles and sign-in for the admin (/admin, /api/admin).
export { ROLES, can, atLeast, isRole, type Role, type Staff, type Action, type ArticleSubject } from './auth/roles.js';
export { requireStaff } from './auth/guard.js';
export { registerEditorialAuth, type EditorialAuthDeps } from './auth/routes.js';
export { DEFAULT_AUTH_POLICY, type AuthPolicy } from './auth/policy.js';
export { SESSION_COOKIE } from './auth/sessions.js';
export { createStaffUser, type NewStaffUser } from './auth/operations/createStaffUser.js';
export { userCommand, USER_USAGE } from './auth/cli.js';
export type { EditorialTables } from './auth/tables.js';
