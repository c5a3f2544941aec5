/**
 * Files people upload (a case's attachments, a service item's blank forms and samples): stored in
 * the database by their owners, limited in size, and accepted only when the bytes are what the
 * declared type says (checked by their magic numbers, not the name) and the name hides nothing —
 * by the rules of upload-rules.ts, which the web app checks a file by before sending it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from './errors.js';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, SIGNATURE_BYTES, uploadProblem } from './upload-rules.js';

export { ATTACHMENT_TYPES, fileNameProblem, MAX_ATTACHMENT_BYTES } from './upload-rules.js';

/** Lets a plugin's routes take a file as the raw request body with its own Content-Type (uploads are not wrapped in JSON). */
export function acceptFileBodies(app: Pick<FastifyInstance, 'addContentTypeParser'>): void {
  app.addContentTypeParser(ATTACHMENT_TYPES, { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_request, body, done) => done(null, body));
}

/** The file a request carries: its bytes and declared type, or a 400 when the body is not a file. */
export function uploadedFile(request: Pick<FastifyRequest, 'body' | 'headers'>): { contentType: string; data: Buffer } {
  if (!Buffer.isBuffer(request.body)) throw badRequest('attachment_body', '请以文件本身作为请求体，并注明其 Content-Type', 'Send the file itself as the body, with its Content-Type');
  return { contentType: String(request.headers['content-type'] ?? ''), data: request.body };
}

export interface AttachmentInfo {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** Pure check of an upload: the type is accepted, the bytes match it, the size is within the limit. */
export function checkAttachment(fileName: string, contentType: string, data: Buffer): void {
  const problem = uploadProblem(fileName, contentType, data.length, data.subarray(0, SIGNATURE_BYTES));
  if (problem) throw badRequest(problem.code, problem.zh, problem.en);
}
