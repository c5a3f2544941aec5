import type { Role } from '../shell';

/** Staff who read published articles (the server's READ_ROLES). */
export const READ_ROLES: readonly Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader'];
/** Write drafts for offices in their scope (the server's EDIT_ROLES). */
export const EDIT_ROLES: readonly Role[] = ['admin', 'supervisor', 'handler'];
