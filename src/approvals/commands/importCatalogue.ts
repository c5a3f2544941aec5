import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { requireRole } from '../../auth/permissions.js';
import { EDIT_ROLES } from '../lifecycle.js';
import { lintBatch } from '../rules.js';
import type { ParsedCatalogue } from '../transfer.js';
import type { ImportResult, RowProblem } from '../contract.js';
import { normaliseContent } from './content.js';
import { actOnServiceItem, createServiceItem } from './serviceItemActions.js';

function rejected(problems: RowProblem[]): AppError {
  const first = problems.slice(0, 5).map((p) => `${p.sheet ? `${p.sheet} ` : ''}第 ${p.row} 行 ${p.field}：${p.zh}`).join('；');
  const firstEn = problems.slice(0, 5).map((p) => `${p.sheet ? `${p.sheet} ` : ''}row ${p.row} ${p.field}: ${p.en}`).join('; ');
  return badRequest('import_rejected', `导入未执行，共 ${problems.length} 处错误：${first}`, `Nothing was imported; ${problems.length} problems: ${firstEn}`, { problems });
}

/**
 * Imports a parsed catalogue all or nothing: every row is checked first (schema and lint, codes
 * used twice), then, in one transaction, each item is created (a draft) or changed by its
 * implementation code through the same commands the API uses, and published when asked. A row
 * any command refuses is reported with the rest and nothing is kept.
 */
export async function importCatalogue(db: Db, actor: Actor, parsed: ParsedCatalogue, opts: { publish?: boolean } = {}): Promise<ImportResult> {
  requireRole(actor, EDIT_ROLES, { zh: '导入政务服务事项目录', en: 'import the service-item catalogue' });
  if (parsed.problems.length) throw rejected(parsed.problems);
  if (!parsed.items.length) throw badRequest('import_empty', '文件中没有事项', 'The file holds no items');
  const linted = lintBatch(parsed.items.map((i) => normaliseContent(i)));
  if (linted.length) {
    throw rejected(linted.flatMap(({ index, problems }) => problems.map((p) => ({ ...parsed.locate(index, p.field), code: p.code, zh: p.zh, en: p.en }))));
  }
  return db.transaction(async (tx) => {
    const result: ImportResult = { created: 0, updated: 0, unchanged: 0, published: 0 };
    const problems: RowProblem[] = [];
    for (const [index, input] of parsed.items.entries()) {
      try {
        const [existing] = await queryRows<{ id: number; version: number }>(tx, sql`select id, version from service_items where implementation_code = ${input.implementationCode.trim().toUpperCase()}`);
        let row = existing ? await actOnServiceItem(tx, actor, existing.id, 'update', existing.version, { ...input }) : await createServiceItem(tx, actor, input);
        if (!existing) result.created++;
        else if (row.version === existing.version) result.unchanged++;
        else result.updated++;
        if (opts.publish && row.status !== 'published') {
          row = await actOnServiceItem(tx, actor, row.id, 'publish', row.version);
          result.published++;
        }
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const field = (e.details as { field?: string } | undefined)?.field ?? '';
        problems.push({ ...parsed.locate(index, field), code: e.code, zh: e.messageZh, en: e.messageEn });
      }
    }
    if (problems.length) throw rejected(problems);
    return result;
  });
}
