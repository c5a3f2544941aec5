/**
 * What an item's content is written with (the API's schema, also the JSON exchange format) and
 * the checks every write shares: text trimmed, the lint passed, the department known, the files
 * the materials name belong to the item.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Db } from '../../platform/db/engine.js';
import { badRequest } from '../../platform/errors.js';
import { findOffice } from '../../offices/queries.js';
import type { OfficeView } from '../../offices/contract.js';
import { ITEM_TYPE_CODES, LEVEL_CODES, MATERIAL_FORM_CODES, ONLINE_DEPTH_CODES, SERVICE_OBJECT_CODES, type MaterialContent, type ServiceItemContent } from '../contract.js';
import { lintItem, type LintProblem } from '../rules.js';
import { filesOfItem } from '../store.js';

const text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const FileRef = Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()], { description: 'A file uploaded to the item (POST /api/service-items/:id/files); left out: kept from the same-named material of the current version' });

export const MaterialInput = Type.Object({
  name: text(200), required: Type.Boolean(), deficiency: Type.Optional(Type.Boolean({ description: 'May be supplied later under deficiency acceptance (容缺)' })),
  form: literals(MATERIAL_FORM_CODES), source: Type.Optional(text(200)), note: Type.Optional(text(1000)),
  blankFormFileId: Type.Optional(FileRef), sampleFileId: Type.Optional(FileRef),
}, { additionalProperties: false });

const Limit = Type.Number({ description: 'Working days from acceptance (the day of acceptance not counted), in half days' });
const Baseline = Type.Union([Type.Integer(), Type.Null()], { description: 'Count before the reform (the report\'s baseline); null: not recorded' });

/** Every field of an item's content; creation needs them all but the optional ones, a change any of them. */
export const CONTENT_FIELDS = {
  basicCode: text(40, '基本编码'), implementationCode: text(60, '实施编码: the implementing agency\'s USCC, then the item\'s digits'), name: text(200),
  typeCode: literals(ITEM_TYPE_CODES), legalBasis: text(5000), level: literals(LEVEL_CODES), officeId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The implementing department' }),
  serviceObjects: Type.Array(literals(SERVICE_OBJECT_CODES), { maxItems: 2 }),
  statutoryLimit: Limit, statutoryNote: Type.Optional(text(1000)), committedLimit: Limit, committedNote: Type.Optional(text(1000)),
  conditions: Type.Optional(text(5000)), steps: Type.Optional(Type.Array(Type.Object({ name: text(200), note: Type.Optional(text(1000)) }, { additionalProperties: false }), { maxItems: 50 })),
  fees: Type.Optional(text(2000, 'Empty: free of charge')), visits: Type.Optional(Type.Integer({ description: 'On-site visits required (到现场次数)' })),
  onlineDepth: literals(ONLINE_DEPTH_CODES), resultName: Type.Optional(text(200)), place: Type.Optional(text(500, 'Where to apply; empty: the department')),
  stepsBefore: Type.Optional(Baseline), materialsBefore: Type.Optional(Baseline),
  materials: Type.Optional(Type.Array(MaterialInput, { maxItems: 100 })),
};

export const ContentInput = Type.Object(CONTENT_FIELDS, { additionalProperties: false });
export type ContentInput = Static<typeof ContentInput>;
export type MaterialInput = Static<typeof MaterialInput>;

/** The refusal of content the lint found wrong: every problem, each naming its field. */
export function lintRefusal(problems: LintProblem[]) {
  return badRequest('catalogue_lint', problems.map((p) => `${p.field}：${p.zh}`).join('；'), problems.map((p) => `${p.field}: ${p.en}`).join('; '), { problems });
}

/**
 * The content as it is written: text trimmed, defaults filled in; a material's files, when the
 * input leaves them out, carried over from the same-named material of `current`.
 */
export function normaliseContent(input: ContentInput, current?: ServiceItemContent | null): ServiceItemContent {
  const previous = new Map((current?.materials ?? []).map((m) => [m.name, m]));
  const materials: MaterialContent[] = (input.materials ?? []).map((m) => {
    const name = m.name.trim();
    return {
      name, required: m.required, deficiency: m.deficiency ?? false, form: m.form, source: (m.source ?? '').trim(), note: (m.note ?? '').trim(),
      blankFormFileId: m.blankFormFileId === undefined ? previous.get(name)?.blankFormFileId ?? null : m.blankFormFileId,
      sampleFileId: m.sampleFileId === undefined ? previous.get(name)?.sampleFileId ?? null : m.sampleFileId,
    };
  });
  return {
    basicCode: input.basicCode.trim(), implementationCode: input.implementationCode.trim().toUpperCase(), name: input.name.trim(), typeCode: input.typeCode,
    legalBasis: input.legalBasis.trim(), level: input.level, officeId: input.officeId, serviceObjects: input.serviceObjects,
    statutoryLimit: input.statutoryLimit, statutoryNote: (input.statutoryNote ?? '').trim(), committedLimit: input.committedLimit, committedNote: (input.committedNote ?? '').trim(),
    conditions: (input.conditions ?? '').trim(), steps: (input.steps ?? []).map((s) => ({ name: s.name.trim(), note: (s.note ?? '').trim() })),
    fees: (input.fees ?? '').trim(), visits: input.visits ?? 0, onlineDepth: input.onlineDepth, resultName: (input.resultName ?? '').trim(), place: (input.place ?? '').trim(),
    stepsBefore: input.stepsBefore ?? null, materialsBefore: input.materialsBefore ?? null, materials,
  };
}

/** Lints the content, finds its department and checks its files are the item's (none yet for a new item); 400 naming the field otherwise. */
export async function checkContent(tx: Db, content: ServiceItemContent, itemId: number | null): Promise<OfficeView> {
  const problems = lintItem(content);
  if (problems.length) throw lintRefusal(problems);
  const office = await findOffice(tx, content.officeId);
  if (!office) throw badRequest('unknown_office', `单位 ${content.officeId} 不存在`, `Office ${content.officeId} does not exist`, { field: 'officeId' });
  const refs = content.materials.flatMap((m, i) => [
    ...(m.blankFormFileId ? [{ id: m.blankFormFileId, field: `materials[${i}].blankFormFileId` }] : []),
    ...(m.sampleFileId ? [{ id: m.sampleFileId, field: `materials[${i}].sampleFileId` }] : []),
  ]);
  const known = itemId === null ? new Set<number>() : await filesOfItem(tx, itemId, refs.map((r) => r.id));
  const stray = refs.find((r) => !known.has(r.id));
  if (stray) throw badRequest('unknown_file', `${stray.field}：文件 ${stray.id} 不是本事项的文件`, `${stray.field}: file ${stray.id} is not a file of this item`, { field: stray.field });
  return office;
}
