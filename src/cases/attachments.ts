/**
 * Attachments (附件) of a case: photos, scans and documents a requester or handler adds. Stored
 * in the database (so backups and replicas carry them), limited in size, and accepted only when
 * the bytes are what the declared type says (checked by their magic numbers, not the name).
 */
import { createHash } from 'node:crypto';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest, notFound, staleVersion } from '../platform/errors.js';
import { canRead } from './lifecycle.js';
import { relationsTo } from './access.js';
import { loadCase, lockCase, appendCaseEvent } from './store.js';
import { CASE } from './commands/runAction.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_ATTACHMENTS_PER_CASE = 20;

/** Accepted types and how their content starts. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  // Office Open XML (docx, xlsx) files are zip archives.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
};
export const ATTACHMENT_TYPES = Object.keys(SIGNATURES);

export interface AttachmentInfo {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/**
 * Why a file name cannot be kept as given, or null. A name is shown to staff and handed back
 * when the file is downloaded, so it must not hide what it is: no control characters, no
 * bidirectional overrides (which show `gpj.exe` as `exe.jpg`), no path, no name Windows reserves
 * for a device (CON, NUL, COM1…), no trailing dot or space (which Windows drops).
 */
export function fileNameProblem(fileName: string): { zh: string; en: string } | null {
  const name = fileName.normalize('NFC');
  if (!name.trim()) return { zh: '文件名不能为空', en: 'The file name is empty' };
  if (name.length > 200) return { zh: '文件名超过 200 个字符', en: 'The file name is longer than 200 characters' };
  if (/[\\/]/.test(name) || name === '.' || name === '..') return { zh: '文件名不能包含路径（/ 或 \\）', en: 'The file name must not contain a path (/ or \\)' };
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return { zh: '文件名含有控制字符', en: 'The file name contains control characters' };
  if (/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name)) {
    return { zh: '文件名含有改变文字方向的字符，可能掩盖真实的扩展名', en: 'The file name contains text-direction characters, which can disguise its real extension' };
  }
  if (/^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\.|$)/i.test(name.trim())) {
    return { zh: `「${name}」是 Windows 保留的设备名，请改名后上传`, en: `"${name}" is a device name Windows reserves; rename the file and upload it again` };
  }
  if (/[. ]$/.test(name)) return { zh: '文件名不能以点或空格结尾', en: 'The file name must not end with a dot or a space' };
  return null;
}

/** Pure check of an upload: the type is accepted, the bytes match it, the size is within the limit. */
export function checkAttachment(fileName: string, contentType: string, data: Buffer): void {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const matches = SIGNATURES[type];
  if (!matches) throw badRequest('attachment_type', `不接受此类文件（${type}）：仅限 JPG、PNG、PDF、Word、Excel`, `This file type (${type}) is not accepted: only JPG, PNG, PDF, Word and Excel`);
  if (data.length === 0) throw badRequest('attachment_empty', '文件为空', 'The file is empty');
  if (data.length > MAX_ATTACHMENT_BYTES) throw badRequest('attachment_too_large', `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  if (!matches(data)) throw badRequest('attachment_mismatch', `文件内容与类型 ${type} 不符`, `The file's content does not match its type ${type}`);
  const nameProblem = fileNameProblem(fileName);
  if (nameProblem) throw badRequest('attachment_name', `文件名不合规：${nameProblem.zh}`, `The file name is not acceptable: ${nameProblem.en}`);
}

/** Adds an attachment: anyone who may comment on the case may attach; the timeline records it. */
export async function addAttachment(db: Db, actor: Actor, caseId: number, input: { version: number; fileName: string; contentType: string; data: Buffer }): Promise<AttachmentInfo & { caseVersion: number }> {
  checkAttachment(input.fileName, input.contentType, input.data);
  const type = input.contentType.split(';')[0].trim().toLowerCase();
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, caseId);
    if (!row) throw notFound(CASE, caseId);
    const relations = await relationsTo(tx, actor, row);
    if (!canRead(actor.roles, relations)) throw notFound(CASE, caseId);
    if (row.version !== input.version) throw staleVersion(CASE, row.version);
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from case_attachments where case_id = ${caseId}`);
    if (n >= MAX_ATTACHMENTS_PER_CASE) throw badRequest('too_many_attachments', `每件诉求最多 ${MAX_ATTACHMENTS_PER_CASE} 个附件`, `A case holds at most ${MAX_ATTACHMENTS_PER_CASE} attachments`);
    const [info] = await queryRows<AttachmentInfo>(tx, sql`insert into case_attachments (case_id, file_name, content_type, size, sha256, data, uploaded_by)
      values (${caseId}, ${input.fileName.normalize('NFC')}, ${type}, ${input.data.length}, ${sha256}, decode(${input.data.toString('base64')}, 'base64'), ${actor.userId})
      returning id, file_name as "fileName", content_type as "contentType", size, sha256, to_char(uploaded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "uploadedAt"`);
    await appendCaseEvent(tx, row, {}, {
      at: new Date().toISOString(), action: 'attach', actor,
      data: { attachmentId: info.id, fileName: info.fileName, contentType: type, size: info.size, sha256 },
    });
    return { ...info, caseVersion: row.version + 1 };
  });
}

async function readableCase(db: Db, actor: Actor, caseId: number) {
  const row = await loadCase(db, caseId);
  if (!row || !canRead(actor.roles, await relationsTo(db, actor, row))) throw notFound(CASE, caseId);
}

export async function listAttachments(db: Db, actor: Actor, caseId: number): Promise<AttachmentInfo[]> {
  await readableCase(db, actor, caseId);
  return queryRows<AttachmentInfo>(db, sql`select id, file_name as "fileName", content_type as "contentType", size, sha256,
    to_char(uploaded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "uploadedAt" from case_attachments where case_id = ${caseId} order by id`);
}

export async function readAttachment(db: Db, actor: Actor, caseId: number, id: number): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  await readableCase(db, actor, caseId);
  const [row] = await queryRows<{ file_name: string; content_type: string; data: string }>(db, sql`select file_name, content_type, encode(data, 'base64') as data
    from case_attachments where case_id = ${caseId} and id = ${id}`);
  if (!row) throw notFound({ zh: '附件', en: 'attachment' }, id);
  return { fileName: row.file_name, contentType: row.content_type, data: Buffer.from(row.data, 'base64') };
}
