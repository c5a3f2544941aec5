import type { Role } from '../shell';

/** Who sees the figures, the dashboard and the live ranking (in their own office subtree; the system administrator everywhere, as the server allows). */
export const VIEW_ROLES: readonly Role[] = ['leader', 'supervisor', 'dispatcher', 'admin'];
/** Who opens the cases behind a figure: the readers who have a case scope (the system administrator has none). */
export const DRILL_DOWN_ROLES: readonly Role[] = VIEW_ROLES.filter((r) => r !== 'admin');
/** Who changes the evaluation settings. */
export const SETTINGS_ROLES: readonly Role[] = ['admin', 'leader'];
/** Who publishes the red and black lists. */
export const PUBLISH_ROLES: readonly Role[] = ['leader', 'supervisor'];
/** Who may open a figure section's table (each section says which of them read it; the server answers). */
export const SECTION_ROLES: readonly Role[] = ['leader', 'supervisor', 'dispatcher', 'handler', 'reviewer', 'window_agent', 'admin'];
