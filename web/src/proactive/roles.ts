import type { Role } from '../shell';

/** Who watches hotspots and supervises tasks. */
export const WATCH_ROLES: readonly Role[] = ['supervisor', 'leader'];
/** Who reads tasks: the supervising office's watchers and the owner and assisting offices' staff. */
export const TASK_ROLES: readonly Role[] = ['handler', 'supervisor', 'leader'];
/** The intake centre's staff, who see repeat callers. */
export const INTAKE_ROLES: readonly Role[] = ['agent', 'dispatcher', 'supervisor', 'leader'];
/** Who reads the detection settings (the server lets only the system administrator and the top office's administrators and leaders save them). */
export const SETTINGS_ROLES: readonly Role[] = ['admin', 'leader', 'supervisor'];
