import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { publishEnterpriseChanges, type EnterpriseChange } from '../../platform/enterprise-changes.js';
import { requireRole } from '../../auth/permissions.js';
import { EDITORS, editsRegion, registryStanding } from '../access.js';
import { fieldsOf, findEnterprisesByUscc } from '../queries.js';
import { beijingToday, changedFields, fieldProblems, FIELD_NAMES, normaliseFields, type EnterpriseFields } from '../rules.js';
import { columnFor, readRow } from '../columns.js';
import { readRegistryFile } from '../import-file.js';
import type { EnterpriseInput, ImportProblem, ImportSummary } from '../contract.js';
import { fieldsFromInput } from './createEnterprise.js';
import { insertEnterprises, outsideScopeProblem, rewriteEnterprises, unknownRegionProblem, unknownRegions } from './write.js';

export const MAX_IMPORT_ROWS = 100_000;
/** The report names at most this many problems (and how many there were). */
export const MAX_REPORTED_PROBLEMS = 1000;

const REQUIRED_FOR_NEW = ['name', 'kind', 'regionCode'] as const;

/**
 * Imports a registry file: each row adds the enterprise of its code or, when the code is already
 * in the registry, changes the fields its columns give (a column the file lacks is left as it
 * is; a blank cell clears the field). All or nothing: every row is checked first, and one bad
 * cell refuses the whole file with a report naming each bad cell (row, column, why); the rows
 * are then written in one transaction, a thousand a statement, each change audited as a form's
 * would be (progress counts the rows written, unchanged rows aside).
 */
export async function importEnterprises(db: Db, actor: Actor, file: { fileName: string; data: Buffer }, opts: { progress?: (done: number, total: number) => void } = {}): Promise<ImportSummary> {
  requireRole(actor, EDITORS, { zh: '导入企业库', en: 'import the registry' });
  const table = await readRegistryFile(file.fileName, file.data);
  const columns = table.header.map(columnFor);
  if (table.rows.length === 0) throw badRequest('empty_import', '文件中没有企业数据行', 'The file has no enterprise rows');
  if (table.rows.length > MAX_IMPORT_ROWS) throw badRequest('import_too_large', `一次最多导入 ${MAX_IMPORT_ROWS} 行`, `At most ${MAX_IMPORT_ROWS} rows per import`);
  const today = beijingToday();

  return db.transaction(async (tx) => {
    const standing = await registryStanding(tx, actor);
    const problems: ImportProblem[] = [];
    const read = table.rows.map((r) => {
      const { given, problems: cellProblems } = readRow(columns, r.cells, r.row);
      problems.push(...cellProblems);
      return { row: r.row, given, ok: cellProblems.length === 0 };
    });
    const codes = read.map((r) => (typeof r.given.uscc === 'string' ? r.given.uscc : ''));
    const existing = await findEnterprisesByUscc(tx, codes, { lock: true });
    const unknown = await unknownRegions(tx, read.flatMap((r) => (typeof r.given.regionCode === 'string' ? [r.given.regionCode] : [])));
    const firstRowOf = new Map<string, number>();
    const plan: { fields: EnterpriseFields; before: ReturnType<typeof existing.get> }[] = [];
    const report = (row: number, field: string, zh: string, en: string) =>
      problems.push({ row, field, messageZh: `${FIELD_NAMES[field]?.zh ?? field}：${zh}`, messageEn: `${FIELD_NAMES[field]?.en ?? field}: ${en}` });

    for (const [i, r] of read.entries()) {
      const uscc = codes[i];
      if (!uscc) {
        report(r.row, 'uscc', '不能为空', 'must not be empty');
        continue;
      }
      const earlier = firstRowOf.get(uscc);
      if (earlier !== undefined) {
        report(r.row, 'uscc', `与第 ${earlier} 行重复`, `repeats row ${earlier}`);
        continue;
      }
      firstRowOf.set(uscc, r.row);
      if (!r.ok) continue;
      const before = existing.get(uscc);
      let fields: EnterpriseFields;
      if (before) {
        if (!editsRegion(standing, before.regionCode)) {
          problems.push({ row: r.row, ...outsideScopeProblem(before.regionCode) });
          continue;
        }
        const defined = Object.fromEntries(Object.entries(r.given).filter(([k]) => k !== 'uscc')) as Partial<EnterpriseFields>;
        fields = normaliseFields({ ...fieldsOf(before), ...defined, uscc: before.uscc });
      } else {
        const missing = REQUIRED_FOR_NEW.filter((k) => r.given[k] === undefined || r.given[k] === null);
        for (const k of missing) report(r.row, k, '新企业必须填写', 'is needed for a new enterprise');
        if (missing.length) continue;
        fields = fieldsFromInput(r.given as EnterpriseInput);
      }
      const rowProblems = fieldProblems(fields, today);
      if (unknown.has(fields.regionCode)) rowProblems.push(unknownRegionProblem(fields.regionCode));
      else if (!rowProblems.some((p) => p.field === 'regionCode') && !editsRegion(standing, fields.regionCode)) rowProblems.push(outsideScopeProblem(fields.regionCode));
      problems.push(...rowProblems.map((p) => ({ row: r.row, ...p })));
      if (rowProblems.length === 0) plan.push({ fields, before });
    }

    if (problems.length) {
      problems.sort((a, b) => a.row - b.row);
      const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
      throw badRequest('import_rejected',
        `导入未进行：${new Set(problems.map((p) => p.row)).size} 行有误（共 ${problems.length} 处），请改正后重新导入。第一处：第 ${shown[0].row} 行，${shown[0].messageZh}`,
        `Nothing was imported: ${new Set(problems.map((p) => p.row)).size} rows have errors (${problems.length} in all); correct them and import again. First: row ${shown[0].row}, ${shown[0].messageEn}`,
        { problems: shown, total: problems.length });
    }

    const created = plan.flatMap((p) => (p.before ? [] : [p.fields]));
    const rewrites = plan.flatMap(({ fields, before }) => (before && changedFields(fieldsOf(before), fields).length ? [{ before, fields }] : []));
    const summary: ImportSummary = { rows: plan.length, created: created.length, updated: rewrites.length, unchanged: plan.length - created.length - rewrites.length };
    const written = created.length + rewrites.length;
    // The registry's followers hear of the whole file at once: one reaction, not one per row.
    const changes: EnterpriseChange[] = [];
    await insertEnterprises(tx, actor, created, 'import', changes, (n) => opts.progress?.(n, written));
    await rewriteEnterprises(tx, actor, rewrites, 'import', changes, (n) => opts.progress?.(created.length + n, written));
    await publishEnterpriseChanges(tx, changes);
    await recordAudit(tx, actor, { action: 'enterprise.import', entityType: 'enterprise_import', entityId: file.fileName.slice(0, 200), after: summary });
    return summary;
  });
}
