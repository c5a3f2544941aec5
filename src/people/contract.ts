/**
 * What the people API (用户) speaks, shared by the server and the web app: a person as the
 * administrator sees them, the signed-in person (GET /api/me), and what creating or changing a
 * person sends. Types only; its imports are other contracts' types, erased from the browser
 * bundle. The rules about roles and offices stay in rules.ts.
 */
import type { OfficeView } from '../offices/contract.js';
import type { Role } from '../platform/contract.js';

/** A person as GET /api/users lists them and every people command answers. */
export interface UserView {
  id: number;
  username: string;
  name: string;
  officeId: number | null;
  officeName: string | null;
  roles: Role[];
  active: boolean;
  /** Set while the account is locked for everyone after many failed log-ins (a lock of one client alone is not shown). */
  lockedUntil: string | null;
  mustChangePassword: boolean;
  /** A demo log-in with the published demo password: only a demo database has them. */
  demo: boolean;
  /** For an enterprise user: the enterprise they act for (unified social credit code). */
  enterpriseUscc: string | null;
  version: number;
  createdAt: string;
}

/** The signed-in person, as GET /api/me and POST /api/auth/login answer. */
export interface Me {
  id: number;
  username: string;
  name: string;
  roles: Role[];
  officeId: number | null;
  office: Pick<OfficeView, 'id' | 'name' | 'kind' | 'regionCode'> | null;
  mustChangePassword: boolean;
  /** A demo log-in (its password is published): the web app shows a banner saying this is a demo database. */
  demo: boolean;
  /** An enterprise user's own enterprise (统一社会信用代码): what its portal acts for; null for staff. */
  enterpriseUscc: string | null;
}

/** POST /api/users. */
export interface NewUser {
  username: string;
  password: string;
  name: string;
  /** The office the person works in; null only for the system administrator and enterprise users. */
  officeId: number | null;
  roles: Role[];
  enterpriseUscc?: string | null;
}

/** PATCH /api/users/:id: the fields that change, and the version the caller last read. */
export interface UserPatch {
  version: number;
  name?: string;
  officeId?: number | null;
  roles?: Role[];
  /** Deactivating ends the person's sessions at once. */
  active?: boolean;
  /** An administrator's reset: the person must choose a new one at next log-in. */
  password?: string;
  /** Lifts a lock-out after repeated failed log-ins. */
  unlock?: true;
  enterpriseUscc?: string | null;
}
