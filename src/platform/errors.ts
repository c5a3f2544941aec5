/**
 * Errors a person can act on. Every refusal carries a stable code and a message in Chinese and
 * English; the HTTP layer picks the language the caller asked for, the CLI prints both.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(`${messageZh} / ${messageEn}`);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, zh: string, en: string, details?: unknown) => new AppError(400, code, zh, en, details);
export const unauthorized = (zh = '请先登录', en = 'Please log in first') => new AppError(401, 'unauthenticated', zh, en);
export const forbidden = (zh: string, en: string) => new AppError(403, 'forbidden', zh, en);
export const notFound = (what: { zh: string; en: string }, id: string | number) =>
  new AppError(404, 'not_found', `${what.zh} ${id} 不存在或无权查看`, `${what.en} ${id} does not exist or is not visible to you`);
export const conflict = (code: string, zh: string, en: string, details?: unknown) => new AppError(409, code, zh, en, details);

/** The optimistic-concurrency refusal shared by every versioned row. */
export const staleVersion = (what: { zh: string; en: string }, current: number) =>
  conflict(
    'stale_version',
    `${what.zh}已被他人修改（当前版本 ${current}），请刷新后重试`,
    `The ${what.en} was changed by someone else (current version ${current}); reload and try again`,
    { currentVersion: current },
  );
