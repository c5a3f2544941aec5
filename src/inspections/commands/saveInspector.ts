import { Type, type Static } from '@sinclair/typebox';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/errors.js';
import { Version } from '../../platform/http/schemas.js';
import { recordAudit } from '../../audit/record.js';
import { DRAW_ID_PATTERN } from '../draw.js';
import { KEEP_INSPECTORS, requireListEditor } from '../access.js';

const INSPECTOR = { zh: '执法检查人员', en: 'inspector' };
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

const Conflicts = Type.Array(Type.Object({
  uscc: Type.String({ pattern: '^[0-9A-Z]{18}$' }),
  relation: Type.String({ minLength: 1, maxLength: 200, description: 'The relation to the enterprise: kin employed there, former employee, shareholding…' }),
}, { additionalProperties: false }), { maxItems: 200, description: 'Declared conflicts of interest, excluded before every draw' });

const Fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  certificateNo: Type.String({ pattern: DRAW_ID_PATTERN, description: '执法证号: the inspector\'s identifier in published draws' }),
  qualifications: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 }),
  userId: Type.Union([Type.Null(), Id], { description: 'The inspector\'s log-in (role inspector), to record results' }),
  conflicts: Conflicts,
};

export const InspectorInput = Type.Object({ officeId: Id, ...Fields }, { additionalProperties: false });
export const InspectorPatch = Type.Object({ version: Version, ...Type.Partial(Type.Object(Fields)).properties, active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

async function checkUser(db: Db, userId: number | null | undefined) {
  if (userId === null || userId === undefined) return;
  const [u] = await queryRows<{ roles: string[] }>(db, sql`select roles from users where id = ${userId}`);
  if (!u || !u.roles.includes('inspector')) throw badRequest('not_inspector_account', `用户 ${userId} 不存在或没有执法检查人员角色`, `User ${userId} does not exist or lacks the inspector role`);
}

async function checkUnique(db: Db, certificateNo: string | undefined, userId: number | null | undefined, self: number) {
  if (certificateNo) {
    const [c] = await queryRows(db, sql`select 1 from inspectors where certificate_no = ${certificateNo} and id <> ${self}`);
    if (c) throw conflict('duplicate_certificate', `执法证号 ${certificateNo} 已登记`, `Certificate ${certificateNo} is already on the roster`);
  }
  if (userId) {
    const [u] = await queryRows(db, sql`select 1 from inspectors where user_id = ${userId} and id <> ${self}`);
    if (u) throw conflict('duplicate_inspector_account', `用户 ${userId} 已对应另一名执法人员`, `User ${userId} is already another inspector`);
  }
}

/** Adds an inspector to a department's roster (执法检查人员名录); the audit trail records it. */
export async function createInspector(db: Db, actor: Actor, input: Static<typeof InspectorInput>): Promise<number> {
  await requireListEditor(db, actor, input.officeId, KEEP_INSPECTORS);
  if (!input.name.trim()) throw badRequest('blank_field', '姓名不能为空', 'The name must not be blank');
  await checkUser(db, input.userId);
  return db.transaction(async (tx) => {
    await checkUnique(tx, input.certificateNo, input.userId, 0);
    const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into inspectors (office_id, name, certificate_no, qualifications, user_id, conflicts)
      values (${input.officeId}, ${input.name.trim()}, ${input.certificateNo}, ${`{${input.qualifications.map((q) => `"${q.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[],
        ${input.userId}, ${JSON.stringify(input.conflicts)}::jsonb) returning id`);
    await recordAudit(tx, actor, { action: 'inspector.create', entityType: 'inspector', entityId: id, after: input });
    return Number(id);
  });
}

/** Changes an inspector (with the version last read): details, declared conflicts, active or not. */
export async function updateInspector(db: Db, actor: Actor, id: number, patch: Static<typeof InspectorPatch>): Promise<void> {
  const [before] = await queryRows<{ officeId: number; version: number }>(db, sql`select office_id as "officeId", version from inspectors where id = ${id}`);
  if (!before) throw notFound(INSPECTOR, id);
  await requireListEditor(db, actor, before.officeId, KEEP_INSPECTORS);
  if (patch.name !== undefined && !patch.name.trim()) throw badRequest('blank_field', '姓名不能为空', 'The name must not be blank');
  await checkUser(db, patch.userId);
  await db.transaction(async (tx) => {
    await checkUnique(tx, patch.certificateNo, patch.userId, id);
    const q = patch.qualifications;
    const rows = await queryRows(tx, sql`update inspectors set
        name = coalesce(${patch.name?.trim() ?? null}, name), certificate_no = coalesce(${patch.certificateNo ?? null}, certificate_no),
        qualifications = ${q === undefined ? sql`qualifications` : sql`${`{${q.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`},
        user_id = ${patch.userId === undefined ? sql`user_id` : sql`${patch.userId}`},
        conflicts = ${patch.conflicts === undefined ? sql`conflicts` : sql`${JSON.stringify(patch.conflicts)}::jsonb`},
        active = coalesce(${patch.active ?? null}::boolean, active), version = version + 1, updated_at = now()
      where id = ${id} and version = ${patch.version} returning id`);
    if (!rows.length) throw staleVersion(INSPECTOR, before.version);
    await recordAudit(tx, actor, { action: 'inspector.update', entityType: 'inspector', entityId: id, after: patch });
  });
}
