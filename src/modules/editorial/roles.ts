// Roles and permissions live in auth/roles.ts; this path is kept for code in the module importing it from here.
export * from './auth/roles.js';
