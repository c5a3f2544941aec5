import { Type, type Static } from '@sinclair/typebox';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/errors.js';
import { Version } from '../../platform/http/schemas.js';
import { recordAudit } from '../../audit/record.js';
import { ENTERPRISE_KINDS } from '../../enterprises/contract.js';
import { DRAW_ID_PATTERN } from '../draw.js';
import { KEEP_ITEMS, requireListEditor } from '../access.js';

const ITEM = { zh: '检查事项', en: 'inspection item' };

const Fields = {
  code: Type.String({ pattern: DRAW_ID_PATTERN, description: 'The item\'s code in the department\'s list' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  legalBasis: Type.String({ minLength: 1, maxLength: 1000, description: '检查依据' }),
  targetKind: Type.Union([Type.Null(), ...ENTERPRISE_KINDS.map((k) => Type.Literal(k))], { description: 'An enterprise kind, or null for any' }),
  method: Type.String({ minLength: 1, maxLength: 200, description: '检查方式' }),
  defaultBasisPoints: Type.Integer({ minimum: 1, maximum: 10000, description: 'Default sampling ratio in basis points (300 = 3 %)' }),
};

export const ItemInput = Type.Object({ officeId: Type.Integer({ minimum: 1, maximum: 2147483647 }), ...Fields }, { additionalProperties: false });
export const ItemPatch = Type.Object({ version: Version, ...Type.Partial(Type.Object(Fields)).properties, active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

const blank = (v: string | undefined, field: string) => {
  if (v !== undefined && !v.trim()) throw badRequest('blank_field', `${field} 不能为空`, `${field} must not be blank`);
};

const duplicate = (code: string) => conflict('duplicate_item_code', `本部门已有编号为 ${code} 的检查事项`, `The department already has an item coded ${code}`);

/** Adds an item to a department's list (检查事项清单); the audit trail records it. */
export async function createItem(db: Db, actor: Actor, input: Static<typeof ItemInput>): Promise<number> {
  await requireListEditor(db, actor, input.officeId, KEEP_ITEMS);
  for (const f of ['name', 'legalBasis', 'method'] as const) blank(input[f], f);
  return db.transaction(async (tx) => {
    const [exists] = await queryRows(tx, sql`select 1 from inspection_items where office_id = ${input.officeId} and code = ${input.code}`);
    if (exists) throw duplicate(input.code);
    const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into inspection_items (office_id, code, name, legal_basis, target_kind, method, default_basis_points)
      values (${input.officeId}, ${input.code}, ${input.name.trim()}, ${input.legalBasis.trim()}, ${input.targetKind}, ${input.method.trim()}, ${input.defaultBasisPoints}) returning id`);
    await recordAudit(tx, actor, { action: 'inspection_item.create', entityType: 'inspection_item', entityId: id, after: input });
    return Number(id);
  });
}

/** Changes an item (with the version last read) or retires it (`active: false`); tasks keep the items they named. */
export async function updateItem(db: Db, actor: Actor, id: number, patch: Static<typeof ItemPatch>): Promise<void> {
  const [before] = await queryRows<{ officeId: number; version: number; code: string }>(db, sql`select office_id as "officeId", version, code from inspection_items where id = ${id}`);
  if (!before) throw notFound(ITEM, id);
  await requireListEditor(db, actor, before.officeId, KEEP_ITEMS);
  for (const f of ['name', 'legalBasis', 'method'] as const) blank(patch[f], f);
  await db.transaction(async (tx) => {
    if (patch.code && patch.code !== before.code) {
      const [exists] = await queryRows(tx, sql`select 1 from inspection_items where office_id = ${before.officeId} and code = ${patch.code}`);
      if (exists) throw duplicate(patch.code);
    }
    const rows = await queryRows(tx, sql`update inspection_items set
        code = coalesce(${patch.code ?? null}, code), name = coalesce(${patch.name?.trim() ?? null}, name), legal_basis = coalesce(${patch.legalBasis?.trim() ?? null}, legal_basis),
        target_kind = ${patch.targetKind === undefined ? sql`target_kind` : sql`${patch.targetKind}`}, method = coalesce(${patch.method?.trim() ?? null}, method),
        default_basis_points = coalesce(${patch.defaultBasisPoints ?? null}::int, default_basis_points), active = coalesce(${patch.active ?? null}::boolean, active),
        version = version + 1, updated_at = now()
      where id = ${id} and version = ${patch.version} returning id`);
    if (!rows.length) throw staleVersion(ITEM, before.version);
    await recordAudit(tx, actor, { action: 'inspection_item.update', entityType: 'inspection_item', entityId: id, after: patch });
  });
}
