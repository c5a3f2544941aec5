import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { describeValidationErrors } from './validation.js';

/** The caller's language: English when Accept-Language prefers it, Chinese otherwise. */
export function prefersEnglish(request: FastifyRequest): boolean {
  return /^\s*en/i.test(String(request.headers['accept-language'] ?? ''));
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: AppError) {
  const en = prefersEnglish(request);
  return reply.status(err.status).send({
    error: {
      code: err.code,
      message: en ? err.messageEn : err.messageZh,
      messageZh: err.messageZh,
      messageEn: err.messageEn,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  });
}

/** Maps every failure to `{error: {code, message}}`; bad input is never a 500 and no stack reaches the client. */
export function toAppError(error: FastifyError & { validation?: unknown[]; validationContext?: string }): AppError {
  if (error instanceof AppError) return error;
  // Pure domain modules (calendar, code checks) throw plain errors carrying both languages, so
  // they stay free of the HTTP layer; such an error is always the caller's bad input.
  const domain = error as unknown as { code?: unknown; messageZh?: unknown; messageEn?: unknown };
  if (typeof domain.code === 'string' && typeof domain.messageZh === 'string' && typeof domain.messageEn === 'string') {
    return new AppError(400, domain.code, domain.messageZh, domain.messageEn);
  }
  if (error.validation) {
    const d = describeValidationErrors(error.validation as never, error.validationContext ?? 'body');
    return new AppError(400, 'invalid_request', d.zh, d.en, { fields: d.fields });
  }
  const dbCode = databaseErrorCode(error);
  if (dbCode === '23505') return new AppError(409, 'conflict', '与已有记录冲突（可能有人同时提交了相同内容），请刷新后重试', 'This conflicts with an existing record (perhaps submitted at the same time); reload and try again');
  if (dbCode === '23503') return new AppError(409, 'reference_conflict', '引用的记录不存在或仍被引用', 'A referenced record does not exist or is still referenced');
  if (dbCode === '40001' || dbCode === '40P01') return new AppError(409, 'concurrent_update', '与同时进行的操作冲突，请重试', 'This clashed with a simultaneous change; try again');
  if (dbCode?.startsWith('22')) return new AppError(400, 'invalid_value', '数据值不合规（如过长、越界或含非法字符）', 'A value is not acceptable (too long, out of range or with an invalid character)');
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'malformed_json', '请求体不是合法的 JSON', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'body_too_large', '请求体过大', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', '不支持的内容类型，请发送 application/json', 'Unsupported content type; send application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(400, 'invalid_content_length', '请求长度与内容不符', 'Content-Length does not match the body');
  }
  if (error.statusCode === 429) {
    return new AppError(429, 'rate_limited', '请求过于频繁，请稍后再试', 'Too many requests; try again later');
  }
  if (error instanceof SyntaxError || (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)) {
    return new AppError(error.statusCode ?? 400, 'bad_request', `请求无法处理：${error.message}`, `The request could not be processed: ${error.message}`);
  }
  return new AppError(500, 'internal_error', '服务器内部错误，已记录，请稍后重试', 'Internal server error; it has been logged, try again later');
}

/** The SQLSTATE of a database error, also when Drizzle wraps it. */
function databaseErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, appError);
  });
}
