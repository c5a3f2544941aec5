import type { Role } from './contract.js';

// The server's modules speak of roles through the Actor; the list itself is the shared contract.
export { ROLES, ROLE_NAMES, type Role } from './contract.js';

/** Who is acting. Every command takes one; the audit trail records it. */
export interface Actor {
  userId: number | null;
  /** Username, or `cli:<os user>` / `system` for operator commands. */
  name: string;
  roles: readonly Role[];
  officeId: number | null;
  /** Materialised path of the actor's office (`/1/4/9/`), which bounds what they see. */
  officePath: string | null;
  /** For an enterprise user: the enterprise they act for (its unified social credit code). */
  enterpriseUscc?: string | null;
}

/** The operator at the console (`qinqing` CLI, start-up): unrestricted, recorded by OS user. */
export function operatorActor(): Actor {
  const user = process.env.USER || process.env.LOGNAME || 'operator';
  return { userId: null, name: `cli:${user}`, roles: ['admin'], officeId: null, officePath: null };
}
