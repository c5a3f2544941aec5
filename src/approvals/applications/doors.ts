/** The doors to applications that are not one action on one application: intake through the runner. */
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { createItem, GENESIS_HASH } from '../../platform/lifecycle/index.js';
import { normaliseUscc, usccProblem } from '../../enterprises/uscc.js';
import { ITEM_LIFECYCLE } from '../lifecycle.js';
import type { ApplicationItem } from './lifecycle.js';
import { currentVersionOf, materialsOfVersion } from './store.js';
import { APPLICATION_TYPE } from './type.js';
import type { IntakeInput } from './commands/intake.js';

function applicantOf(actor: Actor, applicant: IntakeInput['applicant']): Pick<ApplicationItem, 'applicantKind' | 'applicantName' | 'applicantUscc' | 'applicantPhone'> {
  if (actor.roles.includes('enterprise')) {
    if (applicant.kind !== 'enterprise' || (applicant.uscc && normaliseUscc(applicant.uscc) !== actor.enterpriseUscc)) {
      throw badRequest('own_applications_only', '企业用户只能为本企业申请', 'An enterprise user applies for its own enterprise only');
    }
    return { applicantKind: 'enterprise', applicantName: applicant.name.trim(), applicantUscc: actor.enterpriseUscc ?? null, applicantPhone: applicant.phone?.trim() ?? '' };
  }
  if (applicant.kind === 'person') {
    if (applicant.uscc) throw badRequest('uscc_for_enterprise_only', '个人申请不填统一社会信用代码', 'A citizen\'s application carries no unified social credit code');
    return { applicantKind: 'person', applicantName: applicant.name.trim(), applicantUscc: null, applicantPhone: applicant.phone?.trim() ?? '' };
  }
  const code = normaliseUscc(applicant.uscc ?? '');
  if (!code) throw badRequest('uscc_required', '企业申请须填写统一社会信用代码', 'An enterprise\'s application needs its unified social credit code');
  if (usccProblem(code)) throw badRequest('invalid_uscc', `统一社会信用代码 ${code} 无效（校验不通过）`, `The unified social credit code ${code} is invalid (it fails the check)`);
  return { applicantKind: 'enterprise', applicantName: applicant.name.trim(), applicantUscc: code, applicantPhone: applicant.phone?.trim() ?? '' };
}

/** Takes an application in through the runner: 404 for an unknown item, 403 naming the roles, 409 for an item not published. */
export async function takeIn(db: Db, actor: Actor, input: IntakeInput, at?: Date): Promise<ApplicationItem> {
  const { materialIds, serviceItemId } = input;
  const applicant = applicantOf(actor, input.applicant);
  return createItem(db, APPLICATION_TYPE, actor, {
    under: { label: ITEM_LIFECYCLE.label, id: serviceItemId },
    draft: async (tx) => {
      const v = await currentVersionOf(tx, serviceItemId);
      if (!v || v.status === 'draft') return null;
      const online = actor.roles.includes('enterprise');
      const draft: ApplicationItem = {
        id: 0, serviceItemId, versionId: v.versionId, officeId: v.officeId, ...applicant, channel: online ? 'online' : 'window',
        windowOfficeId: online ? null : actor.officeId, ownerUserId: null, ownerName: null, receivedAt: new Date(0), receivedMaterials: [], noticeAt: null,
        noticeMissing: [], acceptedAt: null, deemedAccepted: false, deficiencyMaterials: [], deficiencyPromise: null, supplementDueAt: null, creditBad: null,
        creditSource: null, extensionDays: 0, extensionReason: null, pauses: [], stageCount: 0, dueState: 'on_time', decidedAt: null, refusalReason: null, issuedAt: null,
        resultNumber: null, deliveredAt: null, delivery: null, resultKind: null, resultValidUntil: null, certificateCode: null, revokedAt: null,
        revokedReason: null, revokedByName: null, reviewGrade: null, reviewComment: null, reviewChannel: null, reviewedAt: null, reviewByName: null,
        reviewAppeal: null, greenChannelAt: null, greenChannelReason: null, greenChannelByName: null, status: 'received', version: 0, eventCount: 0, lastEventHash: GENESIS_HASH,
        createdAt: new Date(0), updatedAt: new Date(0), itemName: v.itemName, officeName: v.officeName, statutoryLimit: v.statutoryLimit, committedLimit: v.committedLimit,
        materials: await materialsOfVersion(tx, v.versionId), officePath: v.officePath, windowOfficePath: online ? null : actor.officePath, stages: [],
      };
      // The catalogue is public, so saying a retired item takes no applications gives nothing away.
      if (v.status !== 'published') throw conflict('item_not_published', '该事项已停用，不能申请', 'The service item is retired; it takes no applications', { itemStatus: v.status });
      return draft;
    },
    input: { materialIds },
    at,
  });
}
