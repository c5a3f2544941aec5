/** Who is acting. Every command takes one; the audit trail records it. */
export const ROLES = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'administrator' },
  agent: { zh: '话务员', en: 'agent' },
  dispatcher: { zh: '派单员', en: 'dispatcher' },
  handler: { zh: '承办人', en: 'handler' },
  supervisor: { zh: '督办员', en: 'supervisor' },
  leader: { zh: '领导', en: 'leader' },
  enterprise: { zh: '企业用户', en: 'enterprise user' },
};

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
