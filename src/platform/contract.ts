/**
 * The roles every actor holds, shared by the server and the web app. It lives in the platform,
 * not in people, because the Actor (platform/actor.ts) is made of them and the platform imports
 * no capability module. Constants and types only — no imports — so the browser bundle can take it
 * as it is. Who may do what with a role stays in the modules that decide it.
 */

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
