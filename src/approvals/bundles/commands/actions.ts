/**
 * The bundle's own acts, each carried out on every part it concerns through the part's own
 * action (the runner, in this transaction): so each item's rules hold for its part — its
 * completeness, its deficiency acceptance, its stage — and each part's chain records its share.
 */
import { Type } from '@sinclair/typebox';
import { actionRefused, defineCommand, runAction, type ActionContext } from '../../../platform/lifecycle/index.js';
import { badRequest } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/actor.js';
import type { Db } from '../../../platform/db/engine.js';
import { APPLICATION_TYPE } from '../../applications/type.js';
import { checkCompleteness } from '../../applications/rules.js';
import type { ApplicationItem } from '../../applications/lifecycle.js';
import type { ApplicationAction } from '../../applications/contract.js';
import { Empty, Reason } from '../../applications/commands/inputs.js';
import type { BundleApplicationItem, BundleRelation } from '../lifecycle.js';
import { materialsOfItem, missingOverParts, unknownKeys } from '../rules.js';
import { MaterialKeys } from './intake.js';

type Ctx = ActionContext<BundleApplicationItem, BundleRelation, object>;

/** One part's action by the same actor at the same moment, at the part's current version. */
function onPart(tx: Db, actor: Actor, part: ApplicationItem, action: ApplicationAction, input: Record<string, unknown>, at: Date) {
  return runAction(tx, APPLICATION_TYPE, actor, { id: part.id, action, version: part.version, input, at });
}

const missingOf = (row: BundleApplicationItem) =>
  missingOverParts(row.checklist, row.parts.flatMap((p) => checkCompleteness(p.materials, p.receivedMaterials).missing.map((m) => m.id)));

const notifyMissing = defineCommand<BundleApplicationItem, BundleRelation, object, typeof Empty>({
  summary: 'Tell the applicant everything missing over every part at once (一次告知), each shared material once',
  input: Empty,
  async apply({ tx, row, actor, now }) {
    const missing = missingOf(row);
    if (!missing.length) throw actionRefused('nothing_missing', '材料齐全，无需告知补正', 'Nothing is missing; there is nothing to tell');
    for (const part of row.parts) {
      if (!checkCompleteness(part.materials, part.receivedMaterials).complete) await onPart(tx, actor, part, 'notify-missing', {}, now);
    }
    return { event: { missing: missing.map((m) => ({ key: m.key, name: m.name })) } };
  },
});

const SupplyBody = Type.Object({ materialKeys: Type.Array(MaterialKeys.items, { minItems: 1, maxItems: 200 }) }, { additionalProperties: false });

const supplement = defineCommand<BundleApplicationItem, BundleRelation, object, typeof SupplyBody>({
  summary: 'Supplement the materials the notice listed, once each for every part that asks for them',
  input: SupplyBody,
  async apply({ tx, row, actor, now }, input) {
    const unknown = unknownKeys(row.checklist, input.materialKeys);
    if (unknown.length) throw badRequest('unknown_material', `材料 ${unknown.join('、')} 不在该一件事的材料清单中`, `Materials ${unknown.join(', ')} are not on the bundle's checklist`);
    for (const part of row.parts) {
      const ids = materialsOfItem(row.checklist.filter((m) => !m.internal), input.materialKeys, part.serviceItemId).filter((id) => !part.receivedMaterials.includes(id));
      if (ids.length && part.status === 'incomplete') await onPart(tx, actor, part, 'supplement', { materialIds: ids }, now);
    }
    const after = row.parts.map((p) => ({ ...p, receivedMaterials: [...p.receivedMaterials, ...materialsOfItem(row.checklist, input.materialKeys, p.serviceItemId)] }));
    return { event: { materialKeys: [...new Set(input.materialKeys)], stillMissing: missingOf({ ...row, parts: after }).map((m) => m.name) } };
  },
});

const AcceptBody = Type.Object({
  deficiency: Type.Optional(Type.Object({
    promise: Type.String({ minLength: 1, maxLength: 2000, description: 'The applicant\'s signed promise (告知承诺书), for every part accepted under deficiency' }),
    supplementDays: Type.Integer({ minimum: 1, maximum: 20 }),
    creditBad: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false, description: 'Accept the parts missing only deficiency-allowed materials under deficiency acceptance (容缺受理), each under its own item\'s rules' })),
}, { additionalProperties: false });

/**
 * Accepts every part — complete ones as they are, the others under deficiency acceptance when
 * asked and their item allows it — and sends each to its department at once, a stage of its own
 * branch: the parts run in parallel and the bundle's time is the longest of them.
 */
const accept = defineCommand<BundleApplicationItem, BundleRelation, object, typeof AcceptBody>({
  summary: 'Accept every part (deficiency acceptance per item where asked) and send each to its department at once',
  input: AcceptBody,
  async apply(ctx: Ctx, input) {
    const { tx, row, actor, now } = ctx;
    const missing = missingOf(row);
    if (missing.length && !input.deficiency) {
      throw actionRefused('materials_missing', `材料不齐：${missing.map((m) => m.name).join('、')}`, `Materials are missing: ${missing.map((m) => m.name).join(', ')}`);
    }
    const deficient: number[] = [];
    for (const part of row.parts) {
      const complete = checkCompleteness(part.materials, part.receivedMaterials).complete;
      const accepted = await onPart(tx, actor, part, complete ? 'accept' : 'accept-deficient', complete ? {} : input.deficiency!, now);
      if (!complete) deficient.push(part.id);
      await runAction(tx, APPLICATION_TYPE, actor, {
        id: part.id, action: 'start-stage', version: accepted.version, at: now, input: { name: `${row.bundleName}：${part.itemName}`.slice(0, 200), departmentIds: [part.officeId] },
      });
    }
    return {
      changes: { acceptedAt: now, ...(row.ownerName ? {} : { ownerName: actor.name }) },
      event: { parts: row.parts.map((p) => ({ applicationId: p.id, itemName: p.itemName, departmentId: p.officeId, deficient: deficient.includes(p.id) })) },
    };
  },
});

const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });

const withdraw = defineCommand<BundleApplicationItem, BundleRelation, object, typeof ReasonBody>({
  summary: 'Withdraw the bundle: every part not yet decided is withdrawn; decided parts keep their decisions',
  input: ReasonBody,
  async apply({ tx, row, actor, now }, input) {
    const open = row.parts.filter((p) => ['received', 'incomplete', 'accepted', 'in_review'].includes(p.status));
    for (const part of open) await onPart(tx, actor, part, 'withdraw', { reason: input.reason }, now);
    return { event: { reason: input.reason.trim(), withdrawn: open.map((p) => p.id) } };
  },
});

export const BUNDLE_COMMANDS = { 'notify-missing': notifyMissing, supplement, accept, withdraw };
