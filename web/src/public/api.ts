// The public appeals API (no log-in): raise an appeal, follow it with its code and lookup secret,
// add information, evaluate. Shapes mirror src/cases/public-routes.ts.
import { api } from '../shell';

export type Bilingual = { zh: string; en: string };

export const PUBLIC_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type PublicType = (typeof PUBLIC_TYPES)[number];

export interface PublicAppealInput {
  type: PublicType;
  title: string;
  content: string;
  address?: string | null;
  regionCode?: string | null;
  requester: { kind: 'person' | 'anonymous'; name?: string | null; phone?: string | null };
  confidential?: boolean;
}

export interface PublicAppealReceipt {
  code: string;
  /** Shown this once; only its hash is stored. */
  secret: string;
  /** The page that follows the case; the secret travels in the fragment. */
  lookupUrl: string;
  notice: Bilingual;
}

export interface PublicStep {
  at: string;
  step: string;
  name: Bilingual;
  office?: string | null;
  detail?: Record<string, unknown>;
}

export interface PublicProgress {
  code: string;
  type: PublicType;
  typeName: Bilingual;
  title: string;
  content: string;
  address: string | null;
  status: string;
  statusName: Bilingual;
  acceptedAt: string;
  dispatchedAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  intakeOffice: string | null;
  handlingOffice: string | null;
  replyDueAt: string | null;
  deadline: { step: 'sign' | 'reply'; stepName: Bilingual; dueAt: string; state: 'on_time' | 'due_soon' | 'overdue'; stateName: Bilingual; paused: boolean } | null;
  reply: string | null;
  outcome: { code: string; name: Bilingual; route?: string; routeName?: Bilingual | null; explanation?: string | null } | null;
  evaluation: { satisfaction: string; comment?: string; at: string } | null;
  canComment: boolean;
  canEvaluate: boolean;
  timeline: PublicStep[];
}

/** The secret goes in a header, not the address: proxies and access logs keep addresses. */
const secretHeader = (secret: string) => ({ 'x-lookup-secret': secret });
const path = (code: string) => `/api/public/appeals/${encodeURIComponent(code.trim())}`;

export const publicApi = {
  submit: (body: PublicAppealInput) => api.post<PublicAppealReceipt>('/api/public/appeals', body, { noAuthRedirect: true }),
  track: (code: string, secret: string, signal?: AbortSignal) =>
    api.get<PublicProgress>(path(code), undefined, { signal, noAuthRedirect: true, headers: secretHeader(secret.trim()) }),
  evaluate: (code: string, secret: string, body: { satisfaction: string; comment?: string }) =>
    api.post<PublicProgress>(`${path(code)}/evaluate`, { secret: secret.trim(), ...body }, { noAuthRedirect: true }),
  comment: (code: string, secret: string, text: string) =>
    api.post<PublicProgress>(`${path(code)}/comment`, { secret: secret.trim(), text }, { noAuthRedirect: true }),
};

/** Reads `secret` (and `code`) from a fragment such as `#secret=abc` or `#code=1&secret=abc`. */
export function fromFragment(hash: string): { code?: string; secret?: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { code: params.get('code') ?? undefined, secret: params.get('secret') ?? undefined };
}
