import type { OfficeKind, Role } from './roles';

/** The signed-in user as returned by GET /api/me and POST /api/auth/login. */
export interface Me {
  id: number;
  username: string;
  name: string;
  roles: Role[];
  officeId: number | null;
  office: { id: number; name: string; kind: OfficeKind; regionCode: string } | null;
  mustChangePassword: boolean;
}

/** Body of every 4xx/5xx answer from the API. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    messageZh?: string;
    messageEn?: string;
    details?: unknown;
  };
}

export interface ListResponse<T> {
  items: T[];
}
