/**
 * Attachments (附件) of a case: photos, scans and documents a requester or handler adds. Stored
 * in the database (so backups and replicas carry them), limited in size, and accepted only when
 * the bytes are what the declared type says (the platform's upload check, src/platform/uploads.ts).
 */
import { createHash } from 'node:crypto';
import { checkAttachment, type AttachmentInfo } from '../platform/uploads.js';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest, notFound, staleVersion } from '../platform/errors.js';
import { canRead } from './lifecycle.js';
import { relationsTo } from './access.js';
import { loadCase, lockCase, appendCaseEvent } from './store.js';
import { CASE } from './commands/runAction.js';

export { ATTACHMENT_TYPES, checkAttachment, fileNameProblem, MAX_ATTACHMENT_BYTES, type AttachmentInfo } from '../platform/uploads.js';

const MAX_ATTACHMENTS_PER_CASE = 20;

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
