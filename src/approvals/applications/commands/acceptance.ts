/** Completeness and acceptance: the one-time notice, supplements, acceptance and deficiency acceptance (容缺受理). */
import { Type } from '@sinclair/typebox';
import { badRequest } from '../../../platform/errors.js';
import { actionRefused, defineCommand, type ActionContext } from '../../../platform/lifecycle/index.js';
import { toLocalDate } from '../../../calendar/rules.js';
import type { ApplicationItem, Relation } from '../lifecycle.js';
import { checkCompleteness, deemedAcceptedOnReceipt, deficiencyRefusal, noticeDueDate, supplementDueAt, unknownMaterials, type CreditStanding } from '../rules.js';
import type { ApplicationSettings } from '../type.js';
import { findEnterprise } from '../../../enterprises/index.js';
import { claimedBy } from './owner.js';
import { Empty, MaterialIds } from './inputs.js';
import { onBehalfOf } from './agency.js';

type Ctx = ActionContext<ApplicationItem, Relation, ApplicationSettings>;

const names = (ms: { name: string }[]) => ms.map((m) => m.name);

/** Art. 32: told nothing within 5 days of receipt, the application counts as accepted on receipt. */
function deemedAccepted({ row, now, calendar }: Ctx): boolean {
  return row.noticeAt === null && deemedAcceptedOnReceipt(toLocalDate(row.receivedAt, calendar.officeHours), toLocalDate(now, calendar.officeHours));
}

function checkedMaterials(row: ApplicationItem, ids: readonly number[]): number[] {
  const unknown = unknownMaterials(row.materials, ids);
  if (unknown.length) throw badRequest('unknown_material', `材料 ${unknown.join('、')} 不在该事项的材料清单中`, `Materials ${unknown.join(', ')} are not on the item's list`);
  return [...new Set(ids)];
}

const notifyMissing = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof Empty>({
  summary: 'Tell the applicant everything missing at once (一次告知), within 5 days of receipt',
  input: Empty,
  apply(ctx) {
    const { row, now, actor, calendar } = ctx;
    const c = checkCompleteness(row.materials, row.receivedMaterials);
    if (c.complete) throw actionRefused('nothing_missing', '材料齐全，无需告知补正', 'Nothing is missing; there is nothing to tell');
    if (deemedAccepted(ctx)) {
      const due = noticeDueDate(toLocalDate(row.receivedAt, calendar.officeHours));
      throw actionRefused('deemed_accepted', `收件后 5 日内（${due} 前）未告知，依法视为自收到申请之日起受理`,
        `Nothing was told within 5 days of receipt (by ${due}); by law the application counts as accepted on receipt`);
    }
    return {
      changes: { noticeAt: now, noticeMissing: c.missing.map((m) => m.id), ...claimedBy(actor, row) },
      event: { missing: c.missing.map((m) => ({ id: m.id, name: m.name })) },
    };
  },
});

const SupplyBody = Type.Object({ materialIds: Type.Array(MaterialIds.items, { minItems: 1, maxItems: 200 }) }, { additionalProperties: false });

const supplement = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof SupplyBody>({
  summary: 'Supplement the materials the notice listed; the application is checked again',
  input: SupplyBody,
  async apply(ctx, input) {
    const { row } = ctx;
    const ids = checkedMaterials(row, input.materialIds);
    const received = [...new Set([...row.receivedMaterials, ...ids])];
    return { changes: { receivedMaterials: received }, event: { materialIds: ids, stillMissing: names(checkCompleteness(row.materials, received).missing), ...await onBehalfOf(ctx) } };
  },
});

const accept = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof Empty>({
  summary: 'Accept a complete application (受理); the clock starts the next working day',
  input: Empty,
  apply(ctx) {
    const { row, now, actor } = ctx;
    const deemed = deemedAccepted(ctx);
    const c = checkCompleteness(row.materials, row.receivedMaterials);
    if (!c.complete && !deemed) {
      throw actionRefused('materials_missing', `材料不齐：${names(c.missing).join('、')}`, `Materials are missing: ${names(c.missing).join(', ')}`, 409);
    }
    const acceptedAt = deemed ? row.receivedAt : now;
    return { changes: { acceptedAt, deemedAccepted: deemed, ...claimedBy(actor, row) }, event: { acceptedAt: acceptedAt.toISOString(), deemed } };
  },
});

const DeficiencyBody = Type.Object({
  promise: Type.String({ minLength: 1, maxLength: 2000, description: 'The applicant\'s signed promise (告知承诺书): its text or reference' }),
  creditBad: Type.Optional(Type.Boolean({ description: 'The applicant has a bad credit record (失信), as the window agent checked it: required for an applicant the enterprise registry does not hold; for one it holds, the registry\'s flag counts, and true here (a record the registry lacks) refuses as well' })),
  supplementDays: Type.Integer({ minimum: 1, maximum: 20, description: 'Working days to supply the missing materials' }),
}, { additionalProperties: false });

/**
 * The applicant's credit standing: the registry's for an enterprise it holds (a bad record the
 * window agent found as well counts, the worse of the two); the window agent's own check for a
 * citizen or an enterprise the registry does not hold yet, which must then be given.
 */
async function creditStanding(tx: Ctx['tx'], row: ApplicationItem, input: { creditBad?: boolean }): Promise<CreditStanding> {
  const registered = row.applicantUscc ? await findEnterprise(tx, row.applicantUscc) : null;
  if (registered) {
    if (registered.credit === 'bad') return { bad: true, source: 'registry' };
    return input.creditBad ? { bad: true, source: 'window_agent' } : { bad: false, source: 'registry' };
  }
  if (input.creditBad === undefined) {
    throw badRequest('credit_unchecked', '企业库中没有该申请人：请核查其信用记录，并填写是否存在失信记录（creditBad）',
      'The enterprise registry does not hold this applicant: check their credit record and say whether it is bad (creditBad)');
  }
  return { bad: input.creditBad, source: 'window_agent' };
}

const acceptDeficient = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof DeficiencyBody>({
  summary: 'Accept with deficiency-allowed materials missing (容缺受理), on a signed promise and a supplement deadline',
  input: DeficiencyBody,
  async apply(ctx, input) {
    const { row, now, actor, calendar, tx } = ctx;
    const completeness = checkCompleteness(row.materials, row.receivedMaterials);
    const credit = await creditStanding(tx, row, input);
    const refused = deficiencyRefusal({ completeness, promise: input.promise, credit, supplementDays: input.supplementDays, committedLimit: row.committedLimit });
    if (refused) throw actionRefused(refused.code, refused.zh, refused.en, 409);
    const deemed = deemedAccepted(ctx);
    const acceptedAt = deemed ? row.receivedAt : now;
    const dueAt = supplementDueAt(calendar, acceptedAt, input.supplementDays);
    const owed = completeness.missingDeficiency.map((m) => m.id);
    return {
      changes: {
        acceptedAt, deemedAccepted: deemed, deficiencyMaterials: owed, deficiencyPromise: input.promise.trim(), supplementDueAt: dueAt,
        creditBad: credit.bad, creditSource: credit.source, ...claimedBy(actor, row),
      },
      event: { acceptedAt: acceptedAt.toISOString(), deemed, owed: names(completeness.missingDeficiency), supplementDueAt: dueAt.toISOString(), supplementDays: input.supplementDays, credit },
    };
  },
});

const supplyDeficient = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof SupplyBody>({
  summary: 'Supply materials owed under deficiency acceptance; the certificate waits for all of them',
  input: SupplyBody,
  async apply(ctx, input) {
    const { row } = ctx;
    const ids = checkedMaterials(row, input.materialIds);
    const notOwed = ids.filter((id) => !row.deficiencyMaterials.includes(id));
    if (notOwed.length) throw badRequest('material_not_owed', `材料 ${notOwed.join('、')} 不是待补齐的容缺材料`, `Materials ${notOwed.join(', ')} are not owed`);
    const owed = row.deficiencyMaterials.filter((id) => !ids.includes(id));
    return {
      changes: { deficiencyMaterials: owed, receivedMaterials: [...new Set([...row.receivedMaterials, ...ids])] },
      event: { materialIds: ids, stillOwed: owed, ...await onBehalfOf(ctx) },
    };
  },
});

export const ACCEPTANCE_COMMANDS = {
  'notify-missing': notifyMissing, supplement, accept, 'accept-deficient': acceptDeficient, 'supply-deficient': supplyDeficient,
};
