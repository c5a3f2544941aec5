import type { Role } from '../shell';

/** Who watches hotspots and supervises tasks. */
export const WATCH_ROLES: readonly Role[] = ['supervisor', 'leader'];
/** Who reads tasks: the supervising office's watchers and the owner and assisting offices' staff. */
export const TASK_ROLES: readonly Role[] = ['handler', 'supervisor', 'leader'];
/** The intake centre's staff, who see repeat callers. */
export const INTAKE_ROLES: readonly Role[] = ['agent', 'dispatcher', 'supervisor', 'leader'];
