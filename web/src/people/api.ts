// The people (用户) API as the web app uses it. The shapes come from the server's contract
// (src/people/contract.ts); what is left here is the calls and the edit form's helpers.
import { api, type ListResponse, type Role } from '../shell';
import type { NewUser, UserPatch, UserView as User } from '../../../src/people/contract';

export type { NewUser, UserView as User } from '../../../src/people/contract';

export const usersApi = {
  list: (filter: { officeId?: number | null; q?: string }, signal?: AbortSignal) =>
    api
      .get<ListResponse<User>>('/api/users', { officeId: filter.officeId ?? undefined, q: filter.q?.trim() || undefined }, { signal })
      .then((r) => r.items),
  create: (body: NewUser) => api.post<User>('/api/users', body),
  update: (id: number, body: UserPatch) => api.patch<User>(`/api/users/${id}`, body),
};

/** True while a lock set after failed logins is still in force. */
export function isLocked(u: Pick<User, 'lockedUntil'>, now: number = Date.now()): boolean {
  return u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > now;
}

export interface UserEdit {
  name: string;
  officeId: number | null;
  roles: Role[];
  active: boolean;
  password?: string;
}

/** Only the fields that changed, plus the version the edit started from. */
export function userPatch(saved: User, v: UserEdit): UserPatch {
  const patch: UserPatch = { version: saved.version };
  if (v.name.trim() !== saved.name) patch.name = v.name.trim();
  if ((v.officeId ?? null) !== saved.officeId) patch.officeId = v.officeId ?? null;
  const sortedNew = [...v.roles].sort().join(',');
  if (sortedNew !== [...saved.roles].sort().join(',')) patch.roles = v.roles;
  if (v.active !== saved.active) patch.active = v.active;
  if (v.password) patch.password = v.password;
  return patch;
}
