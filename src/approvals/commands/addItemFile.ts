import { createHash } from 'node:crypto';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import { appendEvent } from '../../platform/lifecycle/index.js';
import { checkAttachment } from '../../platform/uploads.js';
import { ITEMS } from '../store.js';
import { SERVICE_ITEM_TYPE } from './serviceItemActions.js';
import { requireEditor } from './editor.js';

const MAX_FILES_PER_ITEM = 50;

export interface ItemFileInfo {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Stores a blank form or sample for an item's materials (checked as case attachments are); a
 * material names it by id in the item's next change. The item's chain records the upload; its
 * version stays, so nobody's copy goes stale.
 */
export async function addItemFile(db: Db, actor: Actor, itemId: number, input: { fileName: string; contentType: string; data: Buffer }): Promise<ItemFileInfo> {
  checkAttachment(input.fileName, input.contentType, input.data);
  const type = input.contentType.split(';')[0].trim().toLowerCase();
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  return db.transaction(async (tx) => {
    const row = await requireEditor(tx, actor, itemId, await ITEMS.lock(tx, itemId));
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from service_item_files where item_id = ${itemId}`);
    if (n >= MAX_FILES_PER_ITEM) throw badRequest('too_many_files', `每个事项最多 ${MAX_FILES_PER_ITEM} 个文件`, `An item holds at most ${MAX_FILES_PER_ITEM} files`);
    const [info] = await queryRows<ItemFileInfo>(tx, sql`insert into service_item_files (item_id, file_name, content_type, size, sha256, data, uploaded_by, uploaded_by_name)
      values (${itemId}, ${input.fileName.normalize('NFC')}, ${type}, ${input.data.length}, ${sha256}, decode(${input.data.toString('base64')}, 'base64'), ${actor.userId}, ${actor.name})
      returning id, file_name as "fileName", content_type as "contentType", size, sha256`);
    await appendEvent(tx, SERVICE_ITEM_TYPE, row, {}, { at: new Date().toISOString(), action: 'attach', actor, data: { fileId: info.id, fileName: info.fileName, size: info.size, sha256 } }, { bumpVersion: false });
    return info;
  });
}
