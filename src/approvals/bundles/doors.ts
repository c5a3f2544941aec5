/** Taking a bundle application in through the runner: 404 for an unknown bundle, 409 for a retired one. */
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { conflict } from '../../platform/errors.js';
import { createItem, GENESIS_HASH } from '../../platform/lifecycle/index.js';
import { normaliseUscc } from '../../enterprises/uscc.js';
import { bundleDefinition, checklistOf } from './catalogue.js';
import type { BundleApplicationItem } from './lifecycle.js';
import { BUNDLE_APPLICATION_TYPE } from './type.js';
import { loadBundleApplication } from './store.js';
import type { BundleIntakeInput } from './commands/intake.js';

const LABEL = { zh: '一件事', en: 'bundle' };

export async function takeInBundle(db: Db, actor: Actor, input: BundleIntakeInput, at?: Date): Promise<BundleApplicationItem> {
  const online = actor.roles.includes('enterprise');
  const { applicant } = input;
  // Each part's intake checks the applicant as a single application's does (the USCC's check digit, an enterprise for itself only).
  const uscc = online ? actor.enterpriseUscc ?? null : applicant.kind === 'enterprise' ? normaliseUscc(applicant.uscc ?? '') || null : null;
  const created = await createItem(db, BUNDLE_APPLICATION_TYPE, actor, {
    under: { label: LABEL, id: input.bundleId },
    draft: async (tx) => {
      const def = await bundleDefinition(tx, input.bundleId);
      if (!def) return null;
      if (def.status !== 'published') throw conflict('bundle_retired', '该一件事已停用，不能申请', 'The bundle is retired; it takes no applications');
      const { checklist } = await checklistOf(tx, def);
      const draft: BundleApplicationItem = {
        id: 0, bundleId: def.id, bundleRevision: def.revision, applicantKind: online ? 'enterprise' : applicant.kind, applicantName: applicant.name.trim(),
        applicantUscc: uscc, channel: online ? 'online' : 'window', windowOfficeId: online ? null : actor.officeId, ownerName: null, receivedAt: new Date(0),
        acceptedAt: null, status: 'received', version: 0, eventCount: 0, lastEventHash: GENESIS_HASH, createdAt: new Date(0), updatedAt: new Date(0),
        bundleName: def.name, itemIds: def.itemIds, windowOfficePath: online ? null : actor.officePath, checklist, parts: [],
      };
      return draft;
    },
    input: { ...input },
    at,
  });
  // As stored, with the parts its intake created after the row.
  return (await loadBundleApplication(db, created.id))!;
}
