/**
 * Attachments (附件) of a case: photos, scans and documents a requester or handler adds. Stored
 * in the database (so backups and replicas carry them), limited in size, and accepted only when
 * the bytes are what the declared type says (the platform's upload check, src/platform/uploads.ts).
 * Each file belongs to a part of the case (ATTACHMENT_PARTS), which decides whether the requester
 * sees it: the appeal's material always, the reply's once the reply is theirs to read, the
 * offices' working files never.
 */
import { createHash } from 'node:crypto';
import { checkAttachment } from '../platform/uploads.js';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { checkAction, permitted } from '../platform/lifecycle/index.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../platform/errors.js';
import { CASE_LIFECYCLE, canRead, PUBLIC_ACTOR, readsAsRequesterOnly, STATUS_NAMES, type Relation } from './lifecycle.js';
import { relationsTo } from './access.js';
import { loadCase, lockCase, appendCaseEvent } from './store.js';
import { CASE } from './commands/runAction.js';
import { REPLY_PUBLIC_FROM } from './view.js';
import type { CaseRow } from './record.js';
import { MAX_ATTACHMENTS_PER_CASE, type AttachmentPart, type CaseAttachment } from './contract.js';

export { ATTACHMENT_TYPES, checkAttachment, fileNameProblem, MAX_ATTACHMENT_BYTES } from '../platform/uploads.js';

const ATTACHMENT = { zh: '附件', en: 'attachment' };

interface Upload {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** Whether the requester sees a file of this part of a case in this status (pure). */
export function requesterSees(part: AttachmentPart, status: CaseRow['status']): boolean {
  return part === 'appeal' || (part === 'reply' && REPLY_PUBLIC_FROM.includes(status));
}

/**
 * The part a file goes to (pure): a requester's file is the appeal's; staff say which, putting a
 * file in the appeal only from the office that took it in and in the reply only when they may
 * reply (the lead office's handlers), and by default among the offices' working files.
 */
export function partFor(roles: Actor['roles'], relations: readonly Relation[], requested: AttachmentPart | undefined): AttachmentPart {
  if (readsAsRequesterOnly(roles, relations)) {
    if (requested && requested !== 'appeal') throw forbidden('诉求人上传的附件只能作为诉求材料', 'A requester\'s files can only be material of the appeal');
    return 'appeal';
  }
  const part = requested ?? 'internal';
  if (part === 'appeal' && !relations.includes('intake')) throw forbidden('只有受理诉求的单位可以添加诉求材料', 'Only the office that took the appeal in may add material to it');
  if (part === 'reply' && !permitted(CASE_LIFECYCLE.actions.reply.permits, roles, relations)) throw forbidden('只有可以答复本诉求的承办人可以为答复添加附件', 'Only those who may reply to the case may attach files to the reply');
  return part;
}

const INFO = sql`id, file_name as "fileName", content_type as "contentType", size, sha256, part,
  to_char(uploaded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "uploadedAt"`;

/** Stores a checked file of a locked case and records it on the case's timeline. */
async function store(tx: Db, actor: Actor, row: CaseRow, input: Upload, part: AttachmentPart, byRequester: boolean): Promise<CaseAttachment & { caseVersion: number }> {
  const type = input.contentType.split(';')[0].trim().toLowerCase();
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from case_attachments where case_id = ${row.id}`);
  if (n >= MAX_ATTACHMENTS_PER_CASE) throw badRequest('too_many_attachments', `每件诉求最多 ${MAX_ATTACHMENTS_PER_CASE} 个附件`, `A case holds at most ${MAX_ATTACHMENTS_PER_CASE} attachments`);
  const [info] = await queryRows<CaseAttachment>(tx, sql`insert into case_attachments (case_id, file_name, content_type, size, sha256, data, uploaded_by, part)
    values (${row.id}, ${input.fileName.normalize('NFC')}, ${type}, ${input.data.length}, ${sha256}, decode(${input.data.toString('base64')}, 'base64'), ${actor.userId}, ${part})
    returning ${INFO}`);
  await appendCaseEvent(tx, row, {}, {
    at: new Date().toISOString(), action: 'attach', actor,
    data: { attachmentId: info.id, fileName: info.fileName, contentType: type, size: info.size, sha256, part, ...(byRequester ? { byRequester: true } : {}) },
  });
  return { ...info, caseVersion: row.version + 1 };
}

/** Adds an attachment: anyone who may see the case may attach, to the part their standing allows (partFor). */
export async function addAttachment(db: Db, actor: Actor, caseId: number, input: Upload & { version: number; part?: AttachmentPart }): Promise<CaseAttachment & { caseVersion: number }> {
  checkAttachment(input.fileName, input.contentType, input.data);
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, caseId);
    if (!row) throw notFound(CASE, caseId);
    const relations = await relationsTo(tx, actor, row);
    if (!canRead(actor.roles, relations)) throw notFound(CASE, caseId);
    const part = partFor(actor.roles, relations, input.part);
    if (row.version !== input.version) throw staleVersion(CASE, row.version);
    return store(tx, actor, row, input, part, part === 'appeal' && readsAsRequesterOnly(actor.roles, relations));
  });
}

/**
 * A citizen adds a file to their own appeal at the public door (the case found by its code and
 * lookup secret, public-progress.ts): material of the appeal, while they may still add information.
 */
export async function addPublicAttachment(db: Db, found: CaseRow, input: Upload): Promise<CaseAttachment> {
  checkAttachment(input.fileName, input.contentType, input.data);
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, found.id);
    if (!row) throw notFound(CASE, found.code);
    if (checkAction(CASE_LIFECYCLE, 'comment', row.status, ['public'], ['requester'])) {
      throw conflict('attachment_closed', `诉求${STATUS_NAMES[row.status].zh}，不能再添加材料`, `The appeal is ${STATUS_NAMES[row.status].en}: no more material can be added`);
    }
    const { caseVersion: _version, ...info } = await store(tx, PUBLIC_ACTOR, row, input, 'appeal', true);
    return info;
  });
}

/** The case, when the actor may see it, with whether they see it only as its requester. */
async function readableCase(db: Db, actor: Actor, caseId: number): Promise<{ row: CaseRow; requesterOnly: boolean }> {
  const row = await loadCase(db, caseId);
  const relations = row ? await relationsTo(db, actor, row) : [];
  if (!row || !canRead(actor.roles, relations)) throw notFound(CASE, caseId);
  return { row, requesterOnly: readsAsRequesterOnly(actor.roles, relations) };
}

/** The files of a case the actor may see: all of them for the offices, for the requester those requesterSees. */
export async function listAttachments(db: Db, actor: Actor, caseId: number): Promise<CaseAttachment[]> {
  const { row, requesterOnly } = await readableCase(db, actor, caseId);
  const all = await queryRows<CaseAttachment>(db, sql`select ${INFO} from case_attachments where case_id = ${caseId} order by id`);
  return requesterOnly ? all.filter((a) => requesterSees(a.part, row.status)) : all;
}

/** One file's bytes, for an actor who may see it; a file hidden from them is as unknown as a missing one. */
export async function readAttachment(db: Db, actor: Actor, caseId: number, id: number): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  const { row, requesterOnly } = await readableCase(db, actor, caseId);
  const [file] = await queryRows<{ file_name: string; content_type: string; part: AttachmentPart; data: string }>(db, sql`select file_name, content_type, part, encode(data, 'base64') as data
    from case_attachments where case_id = ${caseId} and id = ${id}`);
  if (!file || (requesterOnly && !requesterSees(file.part, row.status))) throw notFound(ATTACHMENT, id);
  return { fileName: file.file_name, contentType: file.content_type, data: Buffer.from(file.data, 'base64') };
}
