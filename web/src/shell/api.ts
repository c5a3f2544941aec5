// The one HTTP client of the web app: same-origin JSON with the session cookie, the chosen
// language in Accept-Language, and every 4xx/5xx turned into an ApiError.
import type { ApiErrorBody } from './types';

type Lang = 'zh-CN' | 'en';
let language: Lang = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;

export function setApiLanguage(lang: Lang): void {
  language = lang;
}

/** Registers what happens on a 401 (the auth context signs the user out → login page). */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  unauthorizedHandler = fn;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly messageZh?: string;
  readonly messageEn?: string;

  constructor(status: number, code: string, message: string, details?: unknown, messageZh?: string, messageEn?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat a 401 as "session over" (login form, the initial /api/me probe). */
  noAuthRedirect?: boolean;
  /** Extra request headers (e.g. a credential that should not travel in the URL). */
  headers?: Record<string, string>;
  /** A file sent as the body itself with this Content-Type (the upload endpoints take no JSON). */
  file?: { data: Blob; type: string };
}

const FALLBACK = {
  network: { 'zh-CN': '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the network and try again' },
  http: { 'zh-CN': '服务器错误（{status}）', en: 'Server error ({status})' },
} as const;

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers, Accept: 'application/json', 'Accept-Language': language };
  let body: BodyInit | undefined;
  if (opts.file) {
    headers['Content-Type'] = opts.file.type;
    body = opts.file.data;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError(0, 'network_error', FALLBACK.network[language]);
  }

  const text = res.status === 204 ? '' : await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const err = (data as ApiErrorBody | undefined)?.error;
    const apiError = err
      ? new ApiError(res.status, err.code, err.message, err.details, err.messageZh, err.messageEn)
      : new ApiError(res.status, `http_${res.status}`, FALLBACK.http[language].replace('{status}', String(res.status)));
    if (res.status === 401 && !opts.noAuthRedirect) unauthorizedHandler?.();
    throw apiError;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, opts),
  /** POSTs a file as the body with its own type; `type` is what the server should take it as (attachmentTypeOf). */
  upload: <T>(path: string, file: Blob, type: string, opts?: Omit<RequestOptions, 'body' | 'file'>) => request<T>('POST', path, { ...opts, file: { data: file, type } }),
};
